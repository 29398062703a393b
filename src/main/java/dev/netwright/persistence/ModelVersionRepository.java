package dev.netwright.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class ModelVersionRepository implements PanacheRepository<ModelVersionEntity> {

    /** The project's versions, oldest (version 1) first. */
    public List<ModelVersionEntity> findByProject(long projectId) {
        return list("projectId", Sort.ascending("version"), projectId);
    }

    /** The project's highest-numbered version, if it has any. */
    public Optional<ModelVersionEntity> findLatest(long projectId) {
        return find("projectId", Sort.descending("version"), projectId).firstResultOptional();
    }

    public Optional<ModelVersionEntity> findByProjectAndVersion(long projectId, int version) {
        return find("projectId = ?1 and version = ?2", projectId, version).firstResultOptional();
    }

    /** The version's weights (graph.WeightsCodec), without loading the rest of it; empty when it has none. */
    @Transactional
    public Optional<byte[]> weights(long id) {
        return getEntityManager().createQuery("select m.weights from ModelVersionEntity m where m.id = :id and m.weights is not null", byte[].class)
                .setParameter("id", id).getResultStream().findFirst();
    }

    /** Whether the version carries weights, without fetching them. */
    @Transactional
    public boolean hasWeights(long id) {
        return count("id = ?1 and weights is not null", id) > 0;
    }

    /** The number the project's next saved version gets (1 for the first). */
    public int nextVersion(long projectId) {
        Integer max = getEntityManager()
                .createQuery("select max(m.version) from ModelVersionEntity m where m.projectId = :p", Integer.class)
                .setParameter("p", projectId)
                .getSingleResult();
        return max == null ? 1 : max + 1;
    }
}
