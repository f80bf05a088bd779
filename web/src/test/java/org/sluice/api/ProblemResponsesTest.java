package org.sluice.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sluice.refusal.RequestRefusedException;

class ProblemResponsesTest {

    @Test
    void aProblemHasTheRfc9457MembersInOrderWithTheReasonPhraseAsTitle() {
        Map<String, Object> problem = ApiErrors.problem(409, "campaign 7 is SENDING: stop it before changing it");

        assertEquals(List.of("type", "title", "status", "detail"), List.copyOf(problem.keySet()));
        assertEquals("about:blank", problem.get("type"));
        assertEquals("Conflict", problem.get("title"));
        assertEquals(409, problem.get("status"));
        assertEquals("campaign 7 is SENDING: stop it before changing it", problem.get("detail"));
    }

    @Test
    void statusesJakartaRestDoesNotNameStillGetATitle() {
        assertEquals("Unprocessable Content", ApiErrors.title(422));
        assertEquals("Too Many Requests", ApiErrors.title(429));
        assertEquals("Client Error", ApiErrors.title(418));
        assertEquals("Server Error", ApiErrors.title(599));
    }

    @Test
    void aRefusalAnswersByWhatIsWrongWithTheRequest() {
        assertEquals(
                409,
                RequestRefusedMapper.status(RequestRefusedException.Kind.CONFLICT)
                        .getStatusCode());
        assertEquals(
                404,
                RequestRefusedMapper.status(RequestRefusedException.Kind.NOT_FOUND)
                        .getStatusCode());
        assertEquals(
                422,
                RequestRefusedMapper.status(RequestRefusedException.Kind.INVALID)
                        .getStatusCode());
    }
}
