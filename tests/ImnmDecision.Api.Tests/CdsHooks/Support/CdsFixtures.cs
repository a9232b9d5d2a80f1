using System.Text.Json;
using System.Text.Json.Nodes;
using ImnmDecision.CdsHooks.Codes;
using ImnmDecision.CdsHooks.Mapping;
using ImnmDecision.CdsHooks.Prefetch;
using ImnmDecision.CdsHooks.Services;

namespace ImnmDecision.Api.Tests.CdsHooks.Support;

/// <summary>
/// The FHIR R4 fixtures in CdsHooks/Fixtures (hook requests as an EHR sends them, and FHIR server answers),
/// and the mapping pieces built from the shipped code lists.
/// </summary>
internal static class CdsFixtures
{
    /// <summary>"Today" for every mapping test, so that ages from birth dates are stable.</summary>
    public static readonly DateTimeOffset Today = new(2025, 6, 15, 10, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<CodeBook> DefaultCodes = new(() => new CodeBook(CodeListLoader.Load(null, null)));

    public static CodeBook Codes => DefaultCodes.Value;

    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "CdsHooks", "Fixtures", name);

    public static string Text(string name) => File.ReadAllText(PathOf(name));

    public static JsonObject Node(string name) => JsonNode.Parse(Text(name))!.AsObject();

    /// <summary>Every patient-view fixture.</summary>
    public static IEnumerable<string> PatientViewFixtures() =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "CdsHooks", "Fixtures"), "patient-view-*.json")
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)!;

    /// <summary>Maps a hook-request fixture's prefetch with the given code lists (the defaults when none).</summary>
    public static MappedCase Map(string name, CodeBook? codes = null)
    {
        codes ??= Codes;
        using var document = JsonDocument.Parse(Text(name));
        var (request, problem) = CdsRequestReader.Read(document);
        request.Should().NotBeNull(problem);
        var templates = new PrefetchTemplates(codes);
        var keys = request!.Hook == "patient-view" ? templates.Assessment : templates.StatinOrder;
        var slots = keys
            .Select(key => request.Prefetch.TryGetValue(key.Name, out var value)
                ? PrefetchResolver.FromPrefetch(key, value.Clone())
                : new PrefetchSlot(key, PrefetchState.NotProvided, [], "not provided by the EHR"))
            .ToDictionary(s => s.Key.Name, StringComparer.Ordinal);
        var mapper = new FhirFindingsMapper(codes, new FixedTime(Today));
        return mapper.Map(request.ContextValue("patientId")!, slots);
    }

    /// <summary>The code lists with a site's local lab and pharmacy codes added (those of the local-codes fixture).</summary>
    public static CodeBook LocalCodes() => new(CodeListLoader.Load(null, new CdsCodeLists
    {
        Ck = [new CodeRef { System = "http://lab.example-hospital.org/fhir/CodeSystem/tests", Code = "CK-TOT" }],
        Hmgcr = [new CodeRef { System = "http://lab.example-hospital.org/fhir/CodeSystem/tests", Code = "HMGCR-IGG" }],
        Srp = [new CodeRef { System = "http://lab.example-hospital.org/fhir/CodeSystem/tests", Code = "SRP-AB" }],
    }));
}
