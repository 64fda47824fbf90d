// Provides the database that jOOQ's code generation reads, and makes no-op rebuilds cheap.
// Run twice by gmavenplus (see pom.xml), with `step` bound to "start" or "stop":
//   start (generate-sources): if db/ and the jOOQ configuration are what the last generation
//         recorded, skip Liquibase and jOOQ (and fail if the generated classes were edited since);
//         otherwise create a throwaway database through PostgresServer's chain and hand its URL to
//         the two plugins as project properties;
//   stop (process-sources): drop that database, stop any container, and record the checksums.
import dev.blogdb.server.PostgresServer
import dev.blogdb.server.Setting
import dev.blogdb.server.Settings

import java.nio.file.Files
import java.nio.file.Path
import java.security.MessageDigest

Path generated = Path.of(project.properties['jooq.target.directory'])
Path stamp = Path.of(project.build.directory, 'jooq-codegen.sha256')

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

def generatedDigest = { -> digest([generated], "") }

if (step == 'start') {
    // What the generated code depends on: the changelog, the jOOQ version and its configuration.
    String codegenConfiguration = project.build.pluginsAsMap['org.jooq:jooq-codegen-maven'].configuration.toString()
    String inputs = digest([project.basedir.toPath().resolve('db')], project.properties['jooq.version'] + codegenConfiguration)
    List<String> recorded = Files.exists(stamp) ? Files.readAllLines(stamp) : []
    if (recorded == ["inputs=${inputs}".toString(), "generated=${Files.isDirectory(generated) ? generatedDigest() : 'none'}".toString()]) {
        log.info('jOOQ code is up to date with db/ and its configuration: no database started, nothing regenerated')
        project.properties.setProperty('blogdb.codegen.skip', 'true')
        return
    }
    if (recorded && recorded[0] == "inputs=${inputs}" && Files.isDirectory(generated)) {
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
    server.close()
    Files.writeString(stamp, "inputs=${project.getContextValue('blogdb.codegen.inputs')}\ngenerated=${generatedDigest()}\n")
} else {
    throw new IllegalStateException("unknown step ${step}")
}
