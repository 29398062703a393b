package dev.netwright.api;

import dev.netwright.data.BuiltinDatasets;
import dev.netwright.data.Task;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** The data sets a run can use. */
@Path("/api/datasets")
@Produces(MediaType.APPLICATION_JSON)
public class DatasetResource {
    public record DatasetInfo(String id, String name, String description, Task task, List<Integer> featureShape,
                              int targetSize, int size, List<String> classes) {
    }

    @GET
    public List<DatasetInfo> list() {
        return BuiltinDatasets.all().stream().map(d -> new DatasetInfo(d.id(), d.name(), d.description(), d.task(),
                GraphResource.dims(d.featureShape()), d.targetSize(), d.size(), d.classNames())).toList();
    }
}
