package dev.blogdb.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * users.id and posts.user_id are generated as UserId, posts.id as PostId: mixing them up is a
 * compile error, not a bug found in production. Proven by compiling snippets against the
 * generated classes; the ones that use the right key must compile, so the check cannot pass vacuously.
 */
class TypedKeysTest {

    @ParameterizedTest(name = "{0} -> compiles: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            USERS.ID.eq(new UserId(1))                                          | true
            POSTS.USER_ID.eq(new UserId(1))                                     | true
            POSTS.ID.eq(new PostId(1))                                          | true
            USERS.ID.eq(new PostId(1))                                          | false
            POSTS.USER_ID.eq(new PostId(1))                                     | false
            POSTS.ID.eq(new UserId(1))                                          | false
            POSTS.ID.eq(POSTS.USER_ID)                                          | false
            DSL.insertInto(POSTS, POSTS.USER_ID, POSTS.TITLE).values(new PostId(1), "t") | false
            DSL.insertInto(POSTS, POSTS.USER_ID, POSTS.TITLE).values(new UserId(1), "t") | true
            """)
    void keysOfOneTableCannotStandForKeysOfAnother(String expression, boolean compiles) {
        String source = """
                import static dev.blogdb.jooq.Tables.*;
                import dev.blogdb.core.PostId;
                import dev.blogdb.core.UserId;
                import org.jooq.impl.DSL;
                class Snippet { Object snippet() { return %s; } }
                """.formatted(expression);

        List<Diagnostic<? extends JavaFileObject>> errors = compile(source);

        if (compiles) {
            assertThat(errors).isEmpty();
        } else {
            assertThat(errors)
                    .isNotEmpty()
                    .allSatisfy(error -> assertThat(error.getMessage(Locale.ROOT))
                            .containsAnyOf("incompatible types", "cannot be applied", "no suitable method"));
        }
    }

    private static List<Diagnostic<? extends JavaFileObject>> compile(String source) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        JavaFileObject file =
                new SimpleJavaFileObject(URI.create("string:///Snippet.java"), JavaFileObject.Kind.SOURCE) {
                    @Override
                    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                        return source;
                    }
                };
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = List.of(
                "-proc:none",
                "-d",
                System.getProperty("java.io.tmpdir"),
                "-classpath",
                System.getProperty("java.class.path"));
        compiler.getTask(null, null, diagnostics, options, null, List.of(file)).call();
        return diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .toList();
    }
}
