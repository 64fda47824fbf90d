package dev.blogdb.migration;

/**
 * One Liquibase changeset, identified as Liquibase identifies it: by changelog file, id and author.
 *
 * @param changelog the path of the changelog file that holds it, as Liquibase records it
 * @param id        its id within that file
 * @param author    its author
 */
public record Changeset(String changelog, String id, String author) {

    /** The changeset as blogdb names it. */
    static Changeset of(liquibase.changelog.ChangeSet changeSet) {
        return new Changeset(changeSet.getFilePath(), changeSet.getId(), changeSet.getAuthor());
    }

    /** Liquibase's own notation, {@code changelog::id::author}. */
    @Override
    public String toString() {
        return changelog + "::" + id + "::" + author;
    }
}
