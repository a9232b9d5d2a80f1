using ImnmDecision.Api.Middleware;
using Microsoft.OpenApi;

namespace ImnmDecision.Api.OpenApi;

/// <summary>
/// The v1 OpenAPI document (<c>/swagger/v1/swagger.json</c>, committed as <c>openapi/v1.json</c>) and Swagger UI
/// (<c>/swagger</c>). Only <c>/api/v1</c> is described: health probes and CDS Hooks stay out.
/// </summary>
internal static class SwaggerSetup
{
    /// <summary>The document name, also its URL segment.</summary>
    public const string DocumentName = "v1";

    /// <summary>Where the document is served.</summary>
    public const string DocumentUrl = "/swagger/v1/swagger.json";

    private static readonly string[] XmlDocumentationFiles = ["ImnmDecision.Api.xml", "ImnmDecision.Engine.xml"];

    private const string Description =
        "Decision support for immune-mediated necrotizing myopathy (IMNM). Send the findings of one case and get a "
        + "suggested subtype with its certainty and the rules that decided it, red-flag alerts, a workup checklist, "
        + "treatment options with weight-based doses, what is missing, and every source cited. Every answer comes from "
        + "the reviewed ruleset named in its X-Ruleset-Version header.\n\n"
        + "To try it: open POST /api/v1/assessments, pick an example case, press Execute.\n\n"
        + "Errors are RFC 9457 problem documents (application/problem+json) with a traceId. "
        + "Decision support for clinicians; not a diagnosis.";

    public static IServiceCollection AddImnmSwagger(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = "ImnmDecision API",
                Version = DocumentName,
                Description = Description,
            });
            options.DocInclusionPredicate((_, api) =>
                api.RelativePath is { } path && ("/" + path).StartsWith(MiddlewareSetup.V1Prefix + "/", StringComparison.OrdinalIgnoreCase));
            foreach (var xml in XmlDocumentationFiles)
            {
                options.IncludeXmlComments(Path.Combine(AppContext.BaseDirectory, xml));
            }

            options.SupportNonNullableReferenceTypes();
            options.NonNullableReferenceTypesAsRequired();
            options.OperationFilter<V1ConventionsOperationFilter>();
            options.OperationFilter<RequestExamplesOperationFilter>();
            options.OperationFilter<ReportMediaTypesOperationFilter>();
            options.OperationFilter<BatchAnswerOperationFilter>();
            options.DocumentFilter<TagDescriptionsDocumentFilter>();
            options.DocumentFilter<FindingsSchemaDocumentFilter>();
            options.DocumentFilter<ProblemSchemasDocumentFilter>();
        });
        return services;
    }

    /// <summary><c>Api:SwaggerUi</c>: serve Swagger UI and its document; when not set, on in Development only.</summary>
    public const string SwitchKey = "Api:SwaggerUi";

    /// <summary>Whether Swagger UI is served: <c>Api:SwaggerUi</c>, else Development.</summary>
    public static bool IsOn(WebApplication app) => app.Configuration.GetValue<bool?>(SwitchKey) ?? app.Environment.IsDevelopment();

    public static WebApplication UseImnmSwagger(this WebApplication app)
    {
        if (!IsOn(app))
        {
            return app;
        }

        app.UseSwagger();
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint(DocumentUrl, "ImnmDecision API v1");
            options.DocumentTitle = "ImnmDecision API";
            options.EnableTryItOutByDefault();
            options.DisplayRequestDuration();
            options.DefaultModelsExpandDepth(0);
        });
        return app;
    }
}
