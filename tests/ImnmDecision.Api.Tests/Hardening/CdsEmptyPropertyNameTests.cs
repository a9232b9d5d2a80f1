using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ImnmDecision.Api.Tests.CdsHooks.Support;

namespace ImnmDecision.Api.Tests.Hardening;

/// <summary>
/// A FHIR resource with a property whose name is empty (<c>"": 1</c>, valid JSON) makes Firely's deserializer fail
/// with an index error: that resource is skipped like any other that cannot be read, never a 500.
/// </summary>
public sealed class CdsEmptyPropertyNameTests(CdsApiFactory factory) : IClassFixture<CdsApiFactory>
{
    private const string Service = "/cds-services/imnm-assessment";
    private readonly HttpClient client = factory.CreateClient();

    [Theory]
    [InlineData("patient")]
    [InlineData("ck")]
    [InlineData("ck-coding")]
    [InlineData("myositisAntibodies")]
    public async Task CdsService_ResourceWithAnEmptyPropertyName_IsAnsweredNot500(string where)
    {
        var call = CdsHttp.Edit("patient-view-anti-srp.json", request =>
        {
            var prefetch = request["prefetch"]!;
            var target = where switch
            {
                "patient" => prefetch["patient"]!.AsObject(),
                "ck-coding" => prefetch["ck"]!["entry"]![0]!["resource"]!["code"]!["coding"]![0]!.AsObject(),
                _ => prefetch[where]!["entry"]![0]!["resource"]!.AsObject(),
            };
            target[string.Empty] = JsonValue.Create(1);
        });

        using var response = await client.PostAsync(new Uri(Service, UriKind.Relative), new StringContent(call, Encoding.UTF8, "application/json"));

        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        text.Should().Contain("\"cards\"");
    }
}
