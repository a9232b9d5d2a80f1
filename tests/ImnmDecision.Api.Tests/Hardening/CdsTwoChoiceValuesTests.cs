using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ImnmDecision.Api.Tests.CdsHooks.Support;

namespace ImnmDecision.Api.Tests.Hardening;

/// <summary>
/// An Observation with two values of a choice element (<c>valueQuantity</c> and <c>valueString</c>: not FHIR R4) is
/// one resource that cannot be read: it is skipped and named as such, and the rest of the record still answers,
/// never a 400 for the whole call and never a 500.
/// </summary>
public sealed class CdsTwoChoiceValuesTests(CdsApiFactory factory) : IClassFixture<CdsApiFactory>
{
    private const string Service = "/cds-services/imnm-assessment";
    private readonly HttpClient client = factory.CreateClient();

    [Theory]
    [InlineData("ck", "valueString", "1400")]
    [InlineData("myositisAntibodies", "valueString", "positive")]
    [InlineData("ck", "valueBoolean", "true")]
    [InlineData("patient", "deceasedDateTime", "2020-01-01")]
    public async Task CdsService_ResourceWithTwoValuesOfAChoiceElement_IsSkippedAndTheRestAnswers(string where, string element, string value)
    {
        var call = CdsHttp.Edit("patient-view-anti-srp.json", request =>
        {
            var prefetch = request["prefetch"]!;
            var target = where == "patient" ? prefetch["patient"]!.AsObject() : prefetch[where]!["entry"]![0]!["resource"]!.AsObject();
            target[element] = element == "valueBoolean" ? JsonValue.Create(true) : JsonValue.Create(value);
            if (where == "patient")
            {
                target["deceasedBoolean"] = JsonValue.Create(false);
            }
        });

        using var response = await client.PostAsync(new Uri(Service, UriKind.Relative), new StringContent(call, Encoding.UTF8, "application/json"));

        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        text.Should().Contain("\"cards\"");
    }
}
