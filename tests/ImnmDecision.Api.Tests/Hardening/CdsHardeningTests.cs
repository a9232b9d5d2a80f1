using System.Net;
using System.Text;
using ImnmDecision.Api.Tests.CdsHooks.Support;

namespace ImnmDecision.Api.Tests.Hardening;

/// <summary>Hostile hook calls: answered with an OperationOutcome (or read), never a 500.</summary>
public sealed class CdsHardeningTests(CdsApiFactory factory) : IClassFixture<CdsApiFactory>
{
    private const string Service = "/cds-services/imnm-assessment";
    private readonly HttpClient client = factory.CreateClient();

    [Theory]
    [InlineData("application/json; charset=\"utf-8\"", HttpStatusCode.OK)]
    [InlineData("Application/JSON; Charset=UTF8", HttpStatusCode.OK)]
    [InlineData("application/json; charset=latin1", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/json; charset=", HttpStatusCode.UnsupportedMediaType)]
    public async Task CdsService_Charset_IsReadOrRefusedWithAnOperationOutcome(string contentType, HttpStatusCode expected)
    {
        var call = CdsHttp.Edit("patient-view-anti-srp.json", _ => { });

        using var response = await client.PostAsync(new Uri(Service, UriKind.Relative), MediaTypeTests.Body(call, contentType));

        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, text);
        if (expected != HttpStatusCode.OK)
        {
            text.Should().Contain("OperationOutcome");
        }
    }

    [Theory]
    [InlineData("{\"hook\":\"\\ud800\",\"hookInstance\":\"x\",\"context\":{}}")]
    [InlineData("{\"hook\":\"patient-view\",\"hookInstance\":\"\\udfff\",\"context\":{\"patientId\":\"1\"}}")]
    [InlineData("{\"hook\":\"patient-view\",\"hookInstance\":\"x\",\"context\":{\"patientId\":\"\\ud800\"}}")]
    [InlineData("{\"hook\":\"patient-view\",\"hookInstance\":\"x\",\"context\":{\"patientId\":\"1\"},\"prefetch\":{\"\\ud800\":null}}")]
    public async Task CdsService_LoneSurrogate_Answers400OperationOutcome(string call)
    {
        using var response = await client.PostAsync(new Uri(Service, UriKind.Relative), new StringContent(call, Encoding.UTF8, "application/json"));

        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, text);
        text.Should().Contain("OperationOutcome");
    }

    [Fact]
    public async Task CdsService_NullInsideCodingArrays_IsIgnoredNot500()
    {
        var call = CdsHttp.Edit("patient-view-anti-srp.json", request =>
        {
            foreach (var key in new[] { "ck", "myositisAntibodies", "statins" })
            {
                if (request["prefetch"]?[key]?["entry"] is System.Text.Json.Nodes.JsonArray entries)
                {
                    foreach (var entry in entries)
                    {
                        if (entry?["resource"] is System.Text.Json.Nodes.JsonObject resource)
                        {
                            resource["code"] = new System.Text.Json.Nodes.JsonObject { ["coding"] = new System.Text.Json.Nodes.JsonArray(null, null) };
                            resource["interpretation"] = new System.Text.Json.Nodes.JsonArray(null, new System.Text.Json.Nodes.JsonObject { ["coding"] = new System.Text.Json.Nodes.JsonArray((System.Text.Json.Nodes.JsonNode?)null) });
                            resource["referenceRange"] = new System.Text.Json.Nodes.JsonArray((System.Text.Json.Nodes.JsonNode?)null);
                        }
                    }
                }
            }
        });

        using var response = await client.PostAsync(new Uri(Service, UriKind.Relative), new StringContent(call, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CdsService_BodyOverTheLimit_AnswersOperationOutcomeWithoutNamingApiSettings()
    {
        using var small = factory.With(new Dictionary<string, string?> { ["CdsHooks:MaxBodyBytes"] = "1024" });
        using var smallClient = small.CreateClient();
        var call = CdsHttp.Edit("patient-view-anti-srp.json", r => r["padding"] = new string('x', 4096));

        using var response = await smallClient.PostAsync(new Uri(Service, UriKind.Relative), new StringContent(call, Encoding.UTF8, "application/json"));

        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge, text);
        text.Should().Contain("OperationOutcome").And.NotContain("Api:MaxBodyBytes");
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/fhir+json");
    }
}
