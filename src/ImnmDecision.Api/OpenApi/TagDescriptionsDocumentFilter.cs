using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ImnmDecision.Api.OpenApi;

/// <summary>Orders the document's sections as a clinician reads them and says what each one is for.</summary>
internal sealed class TagDescriptionsDocumentFilter : IDocumentFilter
{
    private static readonly (string Name, string Description)[] Sections =
    [
        ("Assessments", "Score one case: subtype, certainty, alerts, workup, treatment options, what is missing, and sources."),
        ("Ruleset", "Which reviewed ruleset answers, and its named thresholds and doses."),
        ("Rules", "Every rule in readable form, with the sources it cites."),
        ("Citations", "The sources behind the rules."),
    ];

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(swaggerDoc);
        var used = swaggerDoc.Tags?.Select(t => t.Name).ToHashSet(StringComparer.Ordinal) ?? [];
        var known = Sections.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var ordered = new HashSet<OpenApiTag>();
        foreach (var (name, description) in Sections.Where(s => used.Contains(s.Name)))
        {
            ordered.Add(new OpenApiTag { Name = name, Description = description });
        }

        // Sections added later (for example by the batch endpoint) follow, as they came.
        foreach (var tag in swaggerDoc.Tags ?? Enumerable.Empty<OpenApiTag>())
        {
            if (!known.Contains(tag.Name ?? string.Empty))
            {
                ordered.Add(tag);
            }
        }

        swaggerDoc.Tags = ordered;
    }
}
