using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImnmDecision.Engine.Serialization;

/// <summary>
/// The JSON settings of the v1 contract: camelCase, kebab-case enums, unknown properties rejected
/// (a misspelt <c>antibodys</c> must never read as "antibodies not tested"), property names matched exactly as
/// the contract spells them (<c>CaseId</c> is unknown), a repeated property refused (never "last one wins"),
/// nulls left out of answers.
/// </summary>
public static class ImnmJson
{
    /// <summary>Options for reading findings and writing assessments.</summary>
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions());

    /// <summary>Applies the contract's settings to an options object (for example ASP.NET Core's).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = null;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.PropertyNameCaseInsensitive = false;
        options.AllowDuplicateProperties = false;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.AllowTrailingCommas = false;
        options.ReadCommentHandling = JsonCommentHandling.Disallow;
        options.RespectNullableAnnotations = true;
        // Deep enough for an answer's rule traces (named conditions nest); a case is read by FindingsJsonReader, with its own limit of 16.
        options.MaxDepth = 64;
        // Options converters outrank the type's [JsonConverter] attribute, so the CK unit's aliases come first.
        options.Converters.Add(new CkUnitJsonConverter());
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        return options;
    }
}
