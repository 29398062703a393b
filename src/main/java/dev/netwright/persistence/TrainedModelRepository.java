package dev.netwright.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class TrainedModelRepository implements PanacheRepository<TrainedModelEntity> {
    private static final String SUMMARY = "select new dev.netwright.persistence.TrainedModelSummary("
            + "m.id, m.name, m.source, m.runId, m.stage, m.createdAt, m.sizeBytes, m.sha256, m.signatureJson, "
            + "m.parityMaxAbs, m.parityMaxRel, m.paritySamples, m.parityOk) "
            + "from TrainedModelEntity m";

    /** The most recent model a run produced. */
    public Optional<TrainedModelEntity> findByRun(long runId) {
        return find("runId", Sort.descending("createdAt").and("id", Sort.Direction.Descending), runId)
                .firstResultOptional();
    }

    /** Every model without its bytes, newest first; {@code name} and {@code stage} filter when not null. */
    public List<TrainedModelSummary> summaries(String name, String stage) {
        String where = name == null && stage == null ? ""
                : " where " + (name == null ? "" : "m.name = :name") + (name != null && stage != null ? " and " : "")
                + (stage == null ? "" : "m.stage = :stage");
        var query = getEntityManager().createQuery(SUMMARY + where + " order by m.createdAt desc, m.id desc", TrainedModelSummary.class);
        if (name != null) query.setParameter("name", name);
        if (stage != null) query.setParameter("stage", stage);
        return query.getResultList();
    }

    /** One model without its bytes. */
    public Optional<TrainedModelSummary> summary(long id) {
        return getEntityManager().createQuery(SUMMARY + " where m.id = :id", TrainedModelSummary.class)
                .setParameter("id", id).getResultStream().findFirst();
    }

    /**
     * Locks the rows of the models named {@code name} until the transaction ends (SELECT ... FOR UPDATE), so two
     * promotions of the same name run one after the other; returns their ids.
     */
    public List<Long> lockByName(String name) {
        return getEntityManager().createQuery("select m.id from TrainedModelEntity m where m.name = :name order by m.id", Long.class)
                .setParameter("name", name).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
    }

    /** Moves every production model named {@code name} except {@code keepId} to {@code stage}; returns how many. */
    public int demoteProduction(String name, long keepId, String stage) {
        return update("stage = ?1 where name = ?2 and stage = 'production' and id <> ?3", stage, name, keepId);
    }
}
