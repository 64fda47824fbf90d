// Provides the database that jOOQ's code generation reads, and makes no-op rebuilds cheap.
// Run twice by gmavenplus (see pom.xml), with `step` bound to "start" or "stop":
//   start (generate-sources): if db/ and the jOOQ configuration are what the last generation
//         recorded, skip Liquibase and jOOQ (and fail if the generated classes were edited since);
//         otherwise create a throwaway database through PostgresServer's chain and hand its URL to
//         the two plugins as project properties;
//   stop (process-sources): describe the migrated schema with the catalog query that
//         SchemaVerification runs on live databases, into a generated resource that ships in the
//         jar; then drop that database, stop any container, and record the checksums.
import dev.blogdb.server.PostgresServer
import dev.blogdb.server.Setting
import dev.blogdb.server.Settings

import java.nio.file.Files
import java.nio.file.Path
import java.security.MessageDigest

Path generated = Path.of(project.properties['jooq.target.directory'])
Path stamp = Path.of(project.build.directory, 'jooq-codegen.sha256')
// The one catalog query, shared with SchemaVerification, and where its result for the migrated schema goes.
Path catalogQuery = project.basedir.toPath().resolve('src/main/resources/dev/blogdb/migration/schema-catalog.sql')
Path catalogRoot = Path.of(project.properties['schema.catalog.directory'])
Path expectedCatalog = catalogRoot.resolve('dev/blogdb/migration/expected-schema-catalog.tsv')

String digest(List<Path> roots, String extra) {
    MessageDigest sha = MessageDigest.getInstance('SHA-256')
    sha.update(extra.bytes)
    roots.findAll { Files.isDirectory(it) }.each { root ->
        Files.walk(root).withCloseable { paths ->
            paths.filter { Files.isRegularFile(it) }.sorted().each { file ->
                sha.update(root.relativize(file).toString().bytes)
                sha.update(Files.readAllBytes(file))
            }
        }
    }
    sha.digest().encodeHex().toString()
}

def generatedDigest = { -> digest([generated, catalogRoot], "") }

/** Runs the catalog query on the migrated database and writes its lines, as SchemaVerification reads them. */
void describeSchema(Path query, Path target) {
    Properties credentials = new Properties()
    credentials.setProperty('user', project.properties['blogdb.codegen.jdbc.user'])
    credentials.setProperty('password', project.properties['blogdb.codegen.jdbc.password'])
    List<String> lines = []
    new org.postgresql.Driver().connect(project.properties['blogdb.codegen.jdbc.url'], credentials).withCloseable { connection ->
        connection.createStatement().withCloseable { statement ->
            statement.executeQuery(Files.readString(query)).withCloseable { rows ->
                while (rows.next()) {
                    lines << rows.getString(1)
                }
            }
        }
    }
    Files.createDirectories(target.parent)
    Files.write(target, lines)
    log.info("Described the migrated schema in ${lines.size()} lines: ${target}")
}

if (step == 'start') {
    // What the generated code depends on: the changelog, the jOOQ version and its configuration.
    String codegenConfiguration = project.build.pluginsAsMap['org.jooq:jooq-codegen-maven'].configuration.toString()
    String inputs = digest([project.basedir.toPath().resolve('db')],
            project.properties['jooq.version'] + codegenConfiguration + Files.readString(catalogQuery))
    List<String> recorded = Files.exists(stamp) ? Files.readAllLines(stamp) : []
    if (recorded == ["inputs=${inputs}".toString(), "generated=${Files.isDirectory(generated) ? generatedDigest() : 'none'}".toString()]) {
        log.info('jOOQ code is up to date with db/ and its configuration: no database started, nothing regenerated')
        project.properties.setProperty('blogdb.codegen.skip', 'true')
        return
    }
    if (recorded && recorded[0] == "inputs=${inputs}" && Files.isDirectory(generated) && Files.exists(expectedCatalog)) {
        throw new IllegalStateException("The jOOQ classes under ${generated} are not what code generation wrote: "
                + 'generated code is never edited by hand. Change db/ or the jOOQ configuration in pom.xml instead; '
                + "'mvn clean compile' generates the classes afresh.")
    }
    // The pinned version, whatever -Dblogdb.postgres.version asks of the tests.
    String pinned = project.properties['postgres.version']
    def settings = Settings.ofThisProcess().with(Setting.POSTGRES_VERSION, pinned, 'pom.xml (postgres.version)')
    PostgresServer server = PostgresServer.locate(settings, { note -> log.warn(note) })
    String pinnedMajor = pinned.tokenize('.')[0]
    if (server.majorVersion() != pinnedMajor as int) {
        log.warn("jOOQ code generation runs on PostgreSQL ${server.version()}, not on the pinned ${pinnedMajor}.x:"
                + " the generated code may differ from what CI builds")
    }
    def database = server.createDatabase('blogdb_codegen')
    log.info("jOOQ code generation: migrating throwaway database ${database.name()} on ${server.description()}")
    project.setContextValue('blogdb.codegen.server', server)
    project.setContextValue('blogdb.codegen.inputs', inputs)
    project.properties.setProperty('blogdb.codegen.skip', 'false')
    project.properties.setProperty('blogdb.codegen.jdbc.url', database.jdbcUrl())
    project.properties.setProperty('blogdb.codegen.jdbc.user', database.user())
    project.properties.setProperty('blogdb.codegen.jdbc.password', database.settings().password().orElse(''))
} else if (step == 'stop') {
    def server = project.getContextValue('blogdb.codegen.server')
    if (server == null) {
        return // nothing was generated in this build
    }
    try {
        describeSchema(catalogQuery, expectedCatalog)
    } finally {
        server.close()
    }
    Files.writeString(stamp, "inputs=${project.getContextValue('blogdb.codegen.inputs')}\ngenerated=${generatedDigest()}\n")
} else {
    throw new IllegalStateException("unknown step ${step}")
}
