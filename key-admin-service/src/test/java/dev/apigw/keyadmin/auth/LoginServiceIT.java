package dev.apigw.keyadmin.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.keyadmin.problem.ApiException;
import dev.apigw.keyadmin.problem.ProblemType;
import dev.apigw.keyadmin.support.IntegrationTest;
import dev.apigw.keycore.GeneratedKey;
import dev.apigw.keycore.KeyFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import reactor.test.StepVerifier;

/** Issue #22: a failed login logged the user name as presented, line breaks and all. */
@ExtendWith(OutputCaptureExtension.class)
class LoginServiceIT extends IntegrationTest {

    @Autowired
    private LoginService logins;

    @Test
    void anUnknownNameWithLineBreaksAndAKeyIsLoggedOnOneLineWithTheKeyMasked(CapturedOutput output) {
        GeneratedKey key = KeyFormat.defaults().generate();
        String requestId = "login-" + UUID.randomUUID();

        failsAsInvalidCredentials(new LoginRequest("m\r\nFORGED x" + key.value(), "some password"), requestId);

        List<String> lines =
                output.getAll().lines().filter(line -> line.contains(requestId)).toList();
        assertThat(lines).singleElement().asString().contains("'m??FORGED x" + key.displayPrefix() + "…[masked]'");
        assertThat(output.getAll())
                .doesNotContain("\r")
                .doesNotContain(key.value().substring(10))
                .doesNotContain("\nFORGED");
    }

    @Test
    void aLongUnknownNameIsCut(CapturedOutput output) {
        String requestId = "login-" + UUID.randomUUID();

        failsAsInvalidCredentials(new LoginRequest("a".repeat(40) + "-rest-of-a-mistyped-password", "x"), requestId);

        assertThat(output.getAll())
                .contains("'" + "a".repeat(LoginService.LOGGED_NAME_LENGTH) + "…'")
                .doesNotContain("rest-of");
    }

    @Test
    void aKnownUserIsLoggedByIdNotByName(CapturedOutput output) {
        UserSession user = newUser();
        String requestId = "login-" + UUID.randomUUID();

        failsAsInvalidCredentials(new LoginRequest(user.username(), "not the password"), requestId);

        assertThat(output.getAll())
                .contains("user " + user.id() + ": wrong password (request " + requestId)
                .doesNotContain(user.username());
    }

    private void failsAsInvalidCredentials(LoginRequest request, String requestId) {
        StepVerifier.create(logins.login(request, null, requestId))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOfSatisfying(
                                ApiException.class,
                                api -> assertThat(api.type()).isEqualTo(ProblemType.INVALID_CREDENTIALS)))
                .verify();
    }
}
