package org.sluice.api;

import jakarta.batch.runtime.BatchStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Completes the OpenAPI document with the error answers every operation shares, so a generated client knows them
 * without each method repeating them: the RFC 9457 {@code Problem} schema, and per operation the statuses the
 * platform and the mappers answer whatever the method does (401, 403 and 429 from the login, 404 for an unknown
 * path parameter, 400/413/415 for a body, 400 for a query parameter, 500 from {@link UnexpectedErrorMapper}). Statuses
 * a method answers for its own reasons (409, 422, 502) are declared on the method with a description only; this gives
 * every 4xx and 5xx answer without content the problem's. Registered as {@code mp.openapi.filter} in
 * META-INF/microprofile-config.properties; WildFly runs it when it builds the document.
 * <p>
 * It also defines the {@code BatchStatus} schema.
 * <p>
 * An operation that sets its own security (the unsubscribe page, open to anyone, answering HTML) is left alone.
 */
public class ProblemResponsesFilter implements OASFilter {

    static final String PROBLEM = "Problem";

    /** A job execution's status, referenced by the views that show one (their Java type stays a string). */
    static final String BATCH_STATUS = "BatchStatus";

    /** The body of PATCH /campaigns/{id}: {@link CampaignPatch}. */
    static final String MERGE_PATCH = "CampaignMergePatch";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        api.getComponents().addSchema(PROBLEM, problemSchema());
        api.getComponents().addSchema(BATCH_STATUS, batchStatusSchema());
        Schema draft = api.getComponents().getSchemas().get("CampaignDraft");
        if (draft != null) {
            api.getComponents().addSchema(MERGE_PATCH, mergePatch(draft));
        }
        if (api.getPaths() == null || api.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : api.getPaths().getPathItems().entrySet()) {
            for (Operation operation : path.getValue().getOperations().values()) {
                if (operation.getSecurity() == null) {
                    addSharedErrors(path.getKey(), operation);
                }
            }
        }
    }

    private static void addSharedErrors(String path, Operation operation) {
        APIResponses responses = operation.getResponses();
        boolean body = operation.getRequestBody() != null;
        boolean query = operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY);
        if (body || query) {
            addIfAbsent(
                    responses,
                    "400",
                    body
                            ? "A body that is not JSON or has a value of the wrong type, or a bad value (the detail"
                                    + " names it)"
                            : "A query parameter out of range or of the wrong type (the detail names it)");
        }
        addIfAbsent(responses, "401", "No credentials or wrong ones (WWW-Authenticate: Basic)")
                .addHeader("WWW-Authenticate", header("Basic realm=\"SluiceRealm\"", false));
        addIfAbsent(responses, "403", "The user's role may not do this");
        if (path.contains("{")) {
            addIfAbsent(responses, "404", "Nothing has that id or name (the detail says what was not found)");
        }
        if (body) {
            addIfAbsent(responses, "413", "The body is over the path's size limit");
            addIfAbsent(responses, "415", "The body is not of a type the operation takes");
        }
        // The login throttle answers before Jakarta REST sees the request, in plain text
        // (SluiceAuthenticationMechanism).
        APIResponse throttled =
                addIfAbsent(responses, "429", "Too many failed logins from this address: wait Retry-After seconds");
        throttled.addHeader("Retry-After", header("Seconds to wait before the next try", true));
        if (throttled.getContent() == null) {
            throttled.setContent(OASFactory.createContent()
                    .addMediaType(
                            "text/plain",
                            OASFactory.createMediaType()
                                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING))));
        }
        addIfAbsent(responses, "500", "An unexpected error: the detail and reference carry only an id for the log");
        for (Map.Entry<String, APIResponse> response :
                responses.getAPIResponses().entrySet()) {
            if (isError(response.getKey())
                    && (response.getValue().getContent() == null
                            || response.getValue().getContent().getMediaTypes().isEmpty())) {
                response.getValue().setContent(problemContent());
            }
        }
    }

    private static APIResponse addIfAbsent(APIResponses responses, String status, String description) {
        APIResponse existing = responses.getAPIResponse(status);
        if (existing != null) {
            return existing;
        }
        APIResponse response = OASFactory.createAPIResponse().description(description);
        responses.addAPIResponse(status, response);
        return response;
    }

    private static boolean isError(String status) {
        return status.length() == 3 && (status.charAt(0) == '4' || status.charAt(0) == '5');
    }

    private static Header header(String description, boolean integer) {
        return OASFactory.createHeader()
                .description(description)
                .schema(OASFactory.createSchema()
                        .addType(integer ? Schema.SchemaType.INTEGER : Schema.SchemaType.STRING));
    }

    private static Content problemContent() {
        MediaType problem =
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM));
        return OASFactory.createContent().addMediaType(ApiErrors.PROBLEM_JSON, problem);
    }

    /** RFC 9457 3.1, as {@link ApiErrors#problem} writes it; {@code reference} only on a 500. */
    private static Schema problemSchema() {
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem (application/problem+json)")
                .addProperty(
                        "type",
                        string("Always about:blank: the status says what kind of problem it is")
                                .format("uri-reference"))
                .addProperty("title", string("The status's reason phrase"))
                .addProperty(
                        "status",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.INTEGER)
                                .format("int32")
                                .description("The HTTP status"))
                .addProperty("detail", string("What went wrong with this request, in Sluice's words"))
                .addProperty("reference", string("On a 500: the id the server log has the stack trace under"))
                .required(List.of("type", "title", "status", "detail"));
    }

    /**
     * Written here from the enum itself: SmallRye does not index the Jakarta Batch API, so an annotation naming
     * {@link BatchStatus} as implementation gives an empty object.
     */
    private static Schema batchStatusSchema() {
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.STRING)
                .description("A job execution's status (jakarta.batch.runtime.BatchStatus)")
                .enumeration(Arrays.stream(BatchStatus.values())
                        .map(s -> (Object) s.name())
                        .toList());
    }

    /**
     * An RFC 7396 merge patch of a campaign has the draft's properties, none required, and null clears one: read as a
     * JSON object by {@link CampaignPatch}, so described here from the draft's schema rather than by a type of its own.
     */
    private static Schema mergePatch(Schema draft) {
        Schema patch = OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("An RFC 7396 merge patch of the campaign draft: the properties given replace the"
                        + " campaign's, null clears one (an optional one is emptied, a number takes its default),"
                        + " the rest stay; an unknown property is refused with 400");
        if (draft.getProperties() != null) {
            draft.getProperties().forEach(patch::addProperty);
        }
        return patch;
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    }
}
