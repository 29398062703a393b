package dev.netwright.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netwright.persistence.NotFoundException;
import dev.netwright.training.MetricEvent;
import dev.netwright.training.TrainingService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code /ws/runs/{runId}}: one JSON text message per metric or status event (the fields of {@code MetricEvent}).
 * A client connecting late first receives the whole history so far, then live events; after the final status
 * event (FINISHED, FAILED or STOPPED) the server closes the socket.
 *
 * <p>Each connection has its own sender thread fed by a queue, so the training thread never waits for a
 * slow client and nothing blocks the socket's I/O thread.
 */
@ServerEndpoint("/ws/runs/{runId}")
@ApplicationScoped
public class RunSocket {
    private static final Logger LOG = Logger.getLogger(RunSocket.class);
    private static final MetricEvent END = MetricEvent.status(-1, "END", null, 0, 0, 0);

    @Inject
    TrainingService training;
    @Inject
    ObjectMapper json;

    private record Connection(BlockingQueue<MetricEvent> queue, AtomicReference<AutoCloseable> subscription) {
    }

    private final Map<String, Connection> connections = new ConcurrentHashMap<>();

    @OnOpen
    public void open(Session session, @PathParam("runId") String runId) throws IOException {
        long id;
        try {
            id = Long.parseLong(runId);
        } catch (NumberFormatException e) {
            session.close(new CloseReason(CloseReason.CloseCodes.CANNOT_ACCEPT, "run id must be a number"));
            return;
        }
        LOG.debugf("Run socket %s opened for run %d", session.getId(), id);
        // subscribing reads the database, which must not happen on this I/O thread
        Connection c = new Connection(new LinkedBlockingQueue<>(), new AtomicReference<>());
        connections.put(session.getId(), c);
        Thread.ofVirtual().name("ws-run-" + id).start(() -> {
            try {
                c.subscription().set(training.subscribe(id, c.queue()::add));
                if (!connections.containsKey(session.getId())) c.subscription().get().close(); // closed meanwhile
            } catch (NotFoundException e) {
                closeQuietly(session, new CloseReason(CloseReason.CloseCodes.CANNOT_ACCEPT, e.getMessage()));
                return;
            } catch (Exception e) {
                LOG.warnf("Run socket %s: %s", session.getId(), e.toString());
                closeQuietly(session, new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "internal error"));
                return;
            }
            send(session, c.queue());
        });
    }

    private void send(Session session, BlockingQueue<MetricEvent> queue) {
        try {
            while (session.isOpen()) {
                MetricEvent e = queue.take();
                if (e == END) return;
                session.getBasicRemote().sendText(json.writeValueAsString(e));
                if ("status".equals(e.type()) && isTerminal(e.status())) {
                    closeQuietly(session, new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "run " + e.status()));
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (JsonProcessingException e) {
            LOG.error("Cannot serialise a metric event", e);
        } catch (IOException | IllegalStateException e) {
            LOG.debugf("Run socket %s closed while sending: %s", session.getId(), e.getMessage());
        }
    }

    private static void closeQuietly(Session session, CloseReason reason) {
        try {
            session.close(reason);
        } catch (IOException e) {
            LOG.debugf("Closing run socket %s: %s", session.getId(), e.getMessage());
        }
    }

    private static boolean isTerminal(String status) {
        return "FINISHED".equals(status) || "FAILED".equals(status) || "STOPPED".equals(status);
    }

    @OnClose
    public void close(Session session) throws Exception {
        Connection c = connections.remove(session.getId());
        if (c != null) {
            c.queue().add(END);
            AutoCloseable sub = c.subscription().get();
            if (sub != null) sub.close();
        }
    }

    @OnError
    public void error(Session session, Throwable t) throws Exception {
        LOG.warnf("Run socket %s failed: %s", session.getId(), t.toString());
        close(session);
    }
}
