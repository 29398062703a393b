package dev.netwright.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.netwright.data.io.DataImportException;
import dev.netwright.datasets.DatasetInUseException;
import dev.netwright.graph.GraphProblem;
import dev.netwright.graph.InvalidGraphException;
import dev.netwright.onnx.OnnxImportException;
import dev.netwright.onnx.UnsupportedOpsetException;
import dev.netwright.training.RunStateException;
import dev.netwright.persistence.NotFoundException;
import dev.netwright.serving.InvalidModelException;
import dev.netwright.serving.ModelConflictException;
import dev.netwright.serving.ServingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** One place that turns exceptions into JSON error answers (400, 404, 422, 500). */
public class ProblemMapper {
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    static Response answer(int status, String message, List<GraphProblem> problems) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError(status, reason(status), message, problems)).build();
    }

    private static String reason(int status) {
        if (status == 422) return "Unprocessable Content";
        Response.Status s = Response.Status.fromStatusCode(status);
        return s == null ? "HTTP " + status : s.getReasonPhrase();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return answer(404, e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response invalidGraph(InvalidGraphException e) {
        return answer(422, e.getMessage(), e.problems());
    }

    /** The uploaded file is not what its format says; the message names the row, column, entry or byte. */
    @ServerExceptionMapper
    public Response badData(DataImportException e) {
        return answer(400, e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response inUse(DatasetInUseException e) {
        return answer(409, e.getMessage(), List.of());
    }

    /** A request that does not fit the current state (pausing a finished run). */
    @ServerExceptionMapper
    public Response conflict(RunStateException e) {
        return answer(409, e.getMessage(), List.of());
    }

    /** An upload that is not an ONNX model the server can serve; the message says why (no stack trace). */
    @ServerExceptionMapper
    public Response badModel(InvalidModelException e) {
        return answer(400, e.getMessage(), List.of());
    }

    /** Deleting a run's model. */
    @ServerExceptionMapper
    public Response modelConflict(ModelConflictException e) {
        return answer(409, e.getMessage(), List.of());
    }

    /** An ONNX model with ops that have no Netwright layer: each problem names the op and its ONNX node (in nodeId). */
    @ServerExceptionMapper
    public Response notImportable(OnnxImportException e) {
        List<GraphProblem> problems = e.details().stream()
                .map(p -> GraphProblem.error(p.op() == null ? "ONNX_IMPORT" : "UNSUPPORTED_ONNX_OP", p.node(), p.message())).toList();
        return answer(422, e.getMessage(), problems);
    }

    /** A re-export at an opset some layer's op does not exist in: each problem is pinned to the layer's node. */
    @ServerExceptionMapper
    public Response unsupportedOpset(UnsupportedOpsetException e) {
        List<GraphProblem> problems = e.violations().stream().map(v -> GraphProblem.error("OPSET_TOO_LOW", v.nodeId(),
                v.layerType() + " is written as the ONNX op " + v.op() + ", which needs opset " + v.minimumOpset()
                        + " or later; this export asked for " + e.opset())).toList();
        return answer(422, e.getMessage(), problems);
    }

    @ServerExceptionMapper
    public Response badInput(IllegalArgumentException e) {
        return answer(400, e.getMessage(), List.of());
    }

    /** Registered for the subtype too: Quarkus ships its own mapper for it, which answers without a message. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return malformedJson(e);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        String field = e instanceof MismatchedInputException m && !m.getPath().isEmpty()
                ? " at field '" + m.getPathReference().replaceAll(".*\\[\"?([^\"\\]]+)\"?]$", "$1") + "'" : "";
        return answer(400, "Malformed JSON" + field + ": " + e.getOriginalMessage() + where, List.of());
    }

    @ServerExceptionMapper
    public Response serving(ServingException e) {
        LOG.error("Serving failed", e);
        return answer(500, e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException j) return malformedJson(j);
        return answer(e.getResponse().getStatus(), e.getMessage(), List.of());
    }
}
