package dev.blogdb.cli;

import dev.blogdb.migration.Changeset;
import dev.blogdb.post.Post;
import dev.blogdb.post.PostWithAuthor;
import dev.blogdb.user.User;

import java.util.List;

/** blogdb's values as tables for people, in one layout wherever they appear. */
final class Tables {

    private Tables() {}

    /** Users, without their posts. */
    static Table users(List<User> users) {
        Table table = Table.withColumns("ID", "EMAIL", "CREATED");
        users.forEach(user -> table.row(user.id().value(), user.email(), Table.time(user.createdAt())));
        return table;
    }

    /** Posts of one author, so without the author, but with whether each is a draft. */
    static Table posts(List<Post> posts) {
        Table table = Table.withColumns("ID", "CREATED", "STATE", "TITLE");
        posts.forEach(post -> table.row(
                post.id().value(),
                Table.time(post.createdAt()),
                post.published() ? "published" : "draft",
                Table.shortened(post.title())));
        return table;
    }

    /** Feed items: published posts with their authors. */
    static Table feed(List<PostWithAuthor> items) {
        Table table = Table.withColumns("ID", "CREATED", "AUTHOR", "TITLE");
        items.forEach(item -> table.row(
                item.post().id().value(),
                Table.time(item.post().createdAt()),
                item.author().email(),
                Table.shortened(item.post().title())));
        return table;
    }

    /** Liquibase changesets, as migrate, status and rollback list them. */
    static Table changesets(List<Changeset> changesets) {
        Table table = Table.withColumns("ID", "AUTHOR", "CHANGELOG");
        changesets.forEach(changeset -> table.row(changeset.id(), changeset.author(), changeset.changelog()));
        return table;
    }
}
