using System.Text.RegularExpressions;
using ImnmDecision.CdsHooks.Codes;
using ImnmDecision.CdsHooks.Prefetch;
using ImnmDecision.Api.Tests.CdsHooks.Support;

namespace ImnmDecision.Api.Tests.CdsHooks;

/// <summary>Prefetch templates are valid FHIR R4 reads and searches inside the CDS Hooks prefetch subset.</summary>
public sealed partial class PrefetchTemplatesTests
{
    private static readonly string[] SearchableTypes = ["Observation", "MedicationRequest", "MedicationStatement", "MedicationDispense", "MedicationAdministration", "DiagnosticReport", "Condition"];
    private static readonly string[] AllowedParameters = ["patient", "code", "category", "_sort", "_count", "_include"];

    [Fact]
    public void Templates_BothServices_AreReadsOrSearchesInThePrefetchSubset()
    {
        var templates = new PrefetchTemplates(CdsFixtures.Codes);

        foreach (var key in templates.Assessment.Concat(templates.StatinOrder))
        {
            if (key.Template.StartsWith("Patient/", StringComparison.Ordinal))
            {
                key.Template.Should().Be("Patient/{{context.patientId}}");
                continue;
            }

            var (type, query) = (key.Template.Split('?')[0], key.Template.Split('?')[1]);
            SearchableTypes.Should().Contain(type, key.Name);
            var parameters = query.Split('&').Select(p => p.Split('=', 2)).ToList();
            parameters.Should().AllSatisfy(p => AllowedParameters.Should().Contain(p[0], key.Template));
            parameters.Should().ContainSingle(p => p[0] == "patient").Which[1].Should().Be("{{context.patientId}}");
            foreach (var token in parameters.Where(p => p[0] is "code" or "category").SelectMany(p => p[1].Split(',')))
            {
                TokenPattern().IsMatch(token).Should().BeTrue($"'{token}' in {key.Name} is a system|code token");
            }

            foreach (var sort in parameters.Where(p => p[0] == "_sort"))
            {
                sort[1].Should().Be("-date", "newest first");
            }

            foreach (var count in parameters.Where(p => p[0] == "_count"))
            {
                int.Parse(count[1], System.Globalization.CultureInfo.InvariantCulture).Should().BePositive();
            }
        }
    }

    [Fact]
    public void Templates_Assessment_CoverTheDesignsKeys()
    {
        var keys = new PrefetchTemplates(CdsFixtures.Codes).Assessment.ToDictionary(k => k.Name, k => k.Template);

        keys["patient"].Should().Be("Patient/{{context.patientId}}");
        keys["ck"].Should().Be("Observation?patient={{context.patientId}}&code=http://loinc.org|2157-6&_sort=-date&_count=5");
        keys["myositisAntibodies"].Should().StartWith("Observation?patient={{context.patientId}}&code=http://loinc.org|93493-5,http://loinc.org|33921-8");
        keys["statinRequests"].Should().Be("MedicationRequest?patient={{context.patientId}}&_include=MedicationRequest:medication");
        keys["statinStatements"].Should().Be("MedicationStatement?patient={{context.patientId}}&_include=MedicationStatement:medication");
        keys["statinDispenses"].Should().Be("MedicationDispense?patient={{context.patientId}}&_include=MedicationDispense:medication");
        keys["statinAdministrations"].Should().Be("MedicationAdministration?patient={{context.patientId}}&_include=MedicationAdministration:medication");
        keys["pregnancy"].Should().Be("Observation?patient={{context.patientId}}&code=http://loinc.org|82810-3,http://loinc.org|11449-6&_sort=-date&_count=5");
    }

    [Fact]
    public void Templates_LocalCodes_AreSearchedToo()
    {
        var codes = new CodeBook(CodeListLoader.Load(null, new CdsCodeLists { Ck = [new CodeRef { System = "urn:oid:1.2.3.4", Code = "CK,TOTAL" }] }));

        var ck = new PrefetchTemplates(codes).Assessment.Single(k => k.Name == "ck").Template;

        ck.Should().Contain("code=http://loinc.org|2157-6,urn:oid:1.2.3.4|CK\\,TOTAL&", "a comma inside a code is escaped as FHIR search requires");
    }

    [GeneratedRegex(@"^[A-Za-z0-9:/._\-%~]+\|([A-Za-z0-9._\-%~]|\\[,|$\\])+$")]
    private static partial Regex TokenPattern();
}
