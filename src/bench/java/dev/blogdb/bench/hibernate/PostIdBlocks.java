package dev.blogdb.bench.hibernate;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;

import org.hibernate.HibernateException;
import org.hibernate.annotations.IdGeneratorType;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.id.IdentifierGenerator;

/**
 * Post ids from the identity column's own sequence, {@code posts_id_seq}, fetched {@value #BLOCK} at a
 * time, so that Hibernate can batch inserts.
 *
 * <p>Why not the usual choices. {@code GenerationType.IDENTITY} makes Hibernate send each insert on
 * its own and read the key back, so it never batches: 10,000 posts are 10,000 round trips. A
 * {@code @SequenceGenerator(sequenceName = "posts_id_seq", allocationSize = 50)}, the textbook
 * answer, needs the sequence to INCREMENT BY 50: Hibernate's pooled optimizer takes one
 * {@code nextval} as the top of 50 ids. The schema is Liquibase's and its sequence increments by 1, so
 * Hibernate refuses to start ({@code increment_size_mismatch_strategy=EXCEPTION}, the default), or,
 * told to ignore it, hands out ids that blogdb's, the JDBC side's and any other writer's inserts also
 * get. Altering the sequence is not the peer's to do. This takes each id from its own {@code nextval},
 * so every id is unique whoever else inserts, and asks for a block in one statement.
 */
public final class PostIdBlocks implements IdentifierGenerator {

    /** Ids fetched per statement: W4's 10,000 posts cost 10 of them. */
    static final int BLOCK = 1_000;

    private final ArrayDeque<Long> free = new ArrayDeque<>(BLOCK);

    /** Put on an id field to draw its values from {@link PostIdBlocks}. */
    @IdGeneratorType(PostIdBlocks.class)
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.FIELD, ElementType.METHOD})
    public @interface Generated {}

    @Override
    public synchronized Object generate(SharedSessionContractImplementor session, Object entity) {
        if (free.isEmpty()) {
            Connection connection =
                    session.getJdbcCoordinator().getLogicalConnection().getPhysicalConnection();
            try (PreparedStatement next =
                    connection.prepareStatement("SELECT nextval('posts_id_seq') FROM generate_series(1, ?)")) {
                next.setInt(1, BLOCK);
                try (ResultSet ids = next.executeQuery()) {
                    while (ids.next()) {
                        free.add(ids.getLong(1));
                    }
                }
            } catch (SQLException e) {
                throw new HibernateException("could not fetch post ids from posts_id_seq", e);
            }
        }
        return free.poll();
    }
}
