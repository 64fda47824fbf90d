package dev.blogdb.bench.hibernate;

import dev.blogdb.bench.Targets;
import dev.blogdb.core.UserId;
import dev.blogdb.post.NewPost;
import dev.blogdb.post.PostWithAuthor;
import dev.blogdb.post.UserWithPosts;
import dev.blogdb.server.ConnectionSettings;
import dev.blogdb.user.UserDeletion;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;
import org.hibernate.Transaction;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Each workload through Hibernate ORM 6.6, tuned as issue 11's reviewer describes (join fetch, a bulk
 * delete that leaves the posts to ON DELETE CASCADE, JDBC batching) and mapping into blogdb's own
 * records, so that the harness can check its results equal blogdb's. No Spring, no JPA bootstrap:
 * a native {@link SessionFactory} over a HikariCP pool of the same size as the other sides'.
 *
 * <p>Tuning, and why:
 * <ul>
 *   <li>Reads run in a {@link StatelessSession} outside any transaction: no persistence context, so no
 *       snapshot per entity for dirty checking (what read-only sessions and query hints only reduce),
 *       and autocommit, so no BEGIN/COMMIT round trip, as the JDBC side reads.
 *   <li>W1 pages users in a subquery and join-fetches their posts in the same statement. Hibernate
 *       cannot limit a query that join-fetches a collection in SQL (it would page in memory, which
 *       {@code fail_on_pagination_over_collection_fetch} forbids here), so the limit goes on the users.
 *       {@link #usersWithPostsInTwoQueries()} is the textbook two-query form, kept to compare.
 *   <li>W2 join-fetches the author (a to-one join, which SQL can limit).
 *   <li>W3 locks and reads the user (FOR UPDATE, which holds off new posts for them), locks and counts
 *       their posts, and deletes the user by one bulk HQL statement: the database's cascade removes the
 *       posts, Hibernate loads none of them. The first two are native SQL: Hibernate renders
 *       PESSIMISTIC_WRITE as FOR NO KEY UPDATE on PostgreSQL, which lets a post for the user be
 *       inserted meanwhile, and HQL cannot lock rows it only counts.
 *   <li>W4 inserts through a {@link StatelessSession} with JDBC batches of {@value #BATCH}, ids from
 *       {@link PostIdBlocks} (IDENTITY would forbid batching), and pgjdbc's
 *       {@code reWriteBatchedInserts}, which sends each batch as multi-row INSERTs.
 * </ul>
 */
public final class HibernateSide implements AutoCloseable {

    /** JDBC batch size for inserts. */
    static final int BATCH = 1_000;

    private final HikariDataSource pool;
    private final SessionFactory sessions;
    private final AtomicInteger statements = new AtomicInteger();

    /** Hibernate over a pool of {@code poolSize} connections to {@code database}. */
    public HibernateSide(ConnectionSettings database, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.url().value());
        config.setUsername(database.user());
        config.setPassword(database.password().orElse(null));
        config.setMaximumPoolSize(poolSize);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        pool = new HikariDataSource(config);
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.DATASOURCE, pool)
                // The schema is Liquibase's: never created, altered or validated by Hibernate.
                .applySetting(AvailableSettings.HBM2DDL_AUTO, "none")
                .applySetting(AvailableSettings.JAKARTA_HBM2DDL_DATABASE_ACTION, "none")
                .applySetting(AvailableSettings.STATEMENT_BATCH_SIZE, BATCH)
                .applySetting(AvailableSettings.ORDER_INSERTS, true)
                .applySetting(AvailableSettings.ORDER_UPDATES, true)
                .applySetting(AvailableSettings.FAIL_ON_PAGINATION_OVER_COLLECTION_FETCH, true)
                .applySetting(AvailableSettings.IN_CLAUSE_PARAMETER_PADDING, true)
                .applySetting(AvailableSettings.GENERATE_STATISTICS, false)
                .applySetting(AvailableSettings.USE_SECOND_LEVEL_CACHE, false)
                .applySetting(AvailableSettings.USE_QUERY_CACHE, false)
                .applySetting(AvailableSettings.STATEMENT_INSPECTOR, (StatementInspector) sql -> {
                    statements.incrementAndGet();
                    return sql;
                })
                .build();
        try {
            sessions = new MetadataSources(registry)
                    .addAnnotatedClass(UserEntity.class)
                    .addAnnotatedClass(PostEntity.class)
                    .buildMetadata()
                    .buildSessionFactory();
        } catch (RuntimeException e) {
            StandardServiceRegistryBuilder.destroy(registry);
            pool.close();
            throw e;
        }
    }

    /** How many SQL statements Hibernate prepared so far (a JDBC batch counts once per statement text it prepares). */
    public int statements() {
        return statements.get();
    }

    /**
     * W1 and W1x10: the page of users after {@code afterUser} (by id), each with all their posts
     * newest first, in one statement.
     */
    public List<UserWithPosts> usersWithPosts(long afterUser) {
        try (StatelessSession session = sessions.openStatelessSession()) {
            List<UserEntity> users = session.createSelectionQuery(
                            "select u from UserEntity u left join fetch u.posts"
                                    + " where u.id in (select v.id from UserEntity v where v.id > :after"
                                    + " order by v.id limit :page)"
                                    + " order by u.id",
                            UserEntity.class)
                    .setParameter("after", afterUser)
                    .setParameter("page", Targets.USERS_PAGE)
                    .getResultList();
            return withPosts(users);
        }
    }

    /** W1 in the textbook form: one statement for the page of user ids, one join fetch for them. */
    public List<UserWithPosts> usersWithPostsInTwoQueries() {
        try (StatelessSession session = sessions.openStatelessSession()) {
            List<Long> page = session.createSelectionQuery("select u.id from UserEntity u order by u.id", Long.class)
                    .setMaxResults(Targets.USERS_PAGE)
                    .getResultList();
            List<UserEntity> users = session.createSelectionQuery(
                            "select u from UserEntity u left join fetch u.posts where u.id in :page order by u.id",
                            UserEntity.class)
                    .setParameter("page", page)
                    .getResultList();
            return withPosts(users);
        }
    }

    private static List<UserWithPosts> withPosts(List<UserEntity> users) {
        List<UserWithPosts> result = new ArrayList<>(users.size());
        for (UserEntity user : users) {
            result.add(new UserWithPosts(
                    user.toUser(),
                    user.getPosts().stream().map(PostEntity::toPost).toList()));
        }
        return result;
    }

    /** W2: the feed's first page, the newest published posts with their authors, in one statement. */
    public List<PostWithAuthor> feed() {
        try (StatelessSession session = sessions.openStatelessSession()) {
            List<PostEntity> posts = session.createSelectionQuery(
                            "select p from PostEntity p join fetch p.author where p.published"
                                    + " order by p.createdAt desc, p.id desc",
                            PostEntity.class)
                    .setMaxResults(Targets.FEED_PAGE)
                    .getResultList();
            List<PostWithAuthor> page = new ArrayList<>(posts.size());
            for (PostEntity post : posts) {
                page.add(new PostWithAuthor(post.toPost(), post.getAuthor().toUser()));
            }
            return page;
        }
    }

    /**
     * W3 and W3b: delete a user, counting exactly the posts the database's cascade removes, then roll
     * back. Three statements: the user locked and read, their posts locked and counted, the user
     * deleted by bulk HQL.
     *
     * @throws IllegalArgumentException if there is no such user
     */
    public UserDeletion deleteUserAndRollBack(UserId id) {
        try (StatelessSession session = sessions.openStatelessSession()) {
            Transaction transaction = session.beginTransaction();
            try {
                // FOR UPDATE, not LockMode.PESSIMISTIC_WRITE: on PostgreSQL Hibernate renders that as
                // FOR NO KEY UPDATE, which lets another transaction insert a post for the user meanwhile.
                UserEntity user = session.createNativeQuery(
                                "SELECT id, email, created_at FROM users WHERE id = :id FOR UPDATE", UserEntity.class)
                        .setParameter("id", id.value())
                        .uniqueResultOptional()
                        .orElseThrow(() -> new IllegalArgumentException("no " + id));
                long posts = session.createNativeQuery(
                                "SELECT count(*) FROM (SELECT 1 FROM posts WHERE user_id = :id FOR UPDATE) locked",
                                Long.class)
                        .setParameter("id", id.value())
                        .getSingleResult();
                int deleted = session.createMutationQuery("delete from UserEntity u where u.id = :id")
                        .setParameter("id", id.value())
                        .executeUpdate();
                if (deleted != 1) {
                    throw new IllegalStateException("deleted " + deleted + " rows for " + id);
                }
                return new UserDeletion(user.toUser(), Math.toIntExact(posts));
            } finally {
                transaction.rollback();
            }
        }
    }

    /**
     * W4: insert the posts for {@code author} in one transaction, through a stateless session in JDBC
     * batches, then roll back.
     *
     * @return how many posts were inserted: every batch ran, and Hibernate checks each batch's row counts
     */
    public int insertPostsAndRollBack(UserId author, List<NewPost> posts) {
        try (StatelessSession session = sessions.openStatelessSession()) {
            Transaction transaction = session.beginTransaction();
            try {
                int inserted = 0;
                for (NewPost post : posts) {
                    session.insert(new PostEntity(author.value(), post.title(), post.content(), post.published()));
                    inserted++;
                }
                // A stateless session sends its last batch only when the transaction commits: send it now,
                // or the rollback below would discard rows that never reached the database.
                ((SharedSessionContractImplementor) session)
                        .getJdbcCoordinator()
                        .executeBatch();
                return inserted;
            } finally {
                transaction.rollback();
            }
        }
    }

    /** W4 the other usual way: a session persisting, flushing and clearing every batch, then roll back. */
    public int insertPostsBySessionAndRollBack(UserId author, List<NewPost> posts) {
        try (Session session = sessions.openSession()) {
            Transaction transaction = session.beginTransaction();
            try {
                int inserted = 0;
                for (NewPost post : posts) {
                    session.persist(new PostEntity(author.value(), post.title(), post.content(), post.published()));
                    if (++inserted % BATCH == 0) {
                        session.flush();
                        session.clear();
                    }
                }
                session.flush();
                session.clear();
                return inserted;
            } finally {
                transaction.rollback();
            }
        }
    }

    @Override
    public void close() {
        try {
            sessions.close();
        } finally {
            pool.close();
        }
    }
}
