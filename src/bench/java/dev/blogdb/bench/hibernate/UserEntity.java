package dev.blogdb.bench.hibernate;

import dev.blogdb.core.UserId;
import dev.blogdb.user.User;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

/**
 * {@code users} as Hibernate maps it, for the benchmark's Hibernate peer. The schema is Liquibase's:
 * Hibernate never creates or alters it. The password hash is left unmapped, as blogdb's {@link User}
 * never carries it, so no query reads it.
 */
@Entity
@Table(name = "users")
public class UserEntity {

    @Id
    private Long id;

    @Column(name = "email", nullable = false)
    private String email;

    /** An {@link Instant}: {@code timestamptz} holds no offset, so no time-zone setting can change what is read. */
    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    private Instant createdAt;

    /**
     * Every post, newest first: the order is part of the mapping, so a join fetch sorts in SQL. Never
     * cascaded by Hibernate: the database's ON DELETE CASCADE removes them.
     */
    @OneToMany(mappedBy = "author")
    @OrderBy("createdAt desc, id desc")
    private List<PostEntity> posts = new ArrayList<>();

    protected UserEntity() {}

    public Long getId() {
        return id;
    }

    public List<PostEntity> getPosts() {
        return posts;
    }

    /** blogdb's value for this row. */
    public User toUser() {
        return new User(new UserId(id), email, createdAt.atOffset(ZoneOffset.UTC));
    }
}
