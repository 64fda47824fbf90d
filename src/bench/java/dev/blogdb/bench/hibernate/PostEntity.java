package dev.blogdb.bench.hibernate;

import dev.blogdb.core.PostId;
import dev.blogdb.core.UserId;
import dev.blogdb.post.Post;

import java.time.Instant;
import java.time.ZoneOffset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * {@code posts} as Hibernate maps it. The author's id is mapped twice: as a plain column, which
 * inserts write (no author entity has to be loaded or proxied to insert a post), and as a read-only
 * lazy association, which the queries join-fetch.
 */
@Entity
@Table(name = "posts")
public class PostEntity {

    /** From {@code posts_id_seq} in blocks: see {@link PostIdBlocks}. */
    @Id
    @PostIdBlocks.Generated
    private Long id;

    @Column(name = "user_id", nullable = false)
    private long userId;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "user_id", insertable = false, updatable = false)
    private UserEntity author;

    @Column(name = "title", nullable = false)
    private String title;

    @Column(name = "content", nullable = false)
    private String content;

    @Column(name = "published", nullable = false)
    private boolean published;

    /** Left to the column's default, now(), as blogdb and the JDBC side leave it. */
    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    private Instant createdAt;

    /** Left to the column's default, 1, and raised by the database's trigger on every update. */
    @Column(name = "version", nullable = false, insertable = false, updatable = false)
    private long version;

    protected PostEntity() {}

    /** A new post by {@code userId}, to insert. */
    public PostEntity(long userId, String title, String content, boolean published) {
        this.userId = userId;
        this.title = title;
        this.content = content;
        this.published = published;
    }

    public UserEntity getAuthor() {
        return author;
    }

    /** blogdb's value for this row. */
    public Post toPost() {
        return new Post(
                new PostId(id),
                new UserId(userId),
                title,
                content,
                published,
                createdAt.atOffset(ZoneOffset.UTC),
                version);
    }
}
