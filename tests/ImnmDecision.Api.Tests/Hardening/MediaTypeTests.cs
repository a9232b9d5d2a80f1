using System.Net;
using System.Text;
using ImnmDecision.Api.Tests.Batch;
using ImnmDecision.Api.Tests.Infrastructure;

namespace ImnmDecision.Api.Tests.Hardening;

/// <summary>Content-Type as RFC 9110 allows it (case, quoted charset); only UTF-8 is read, anything else is 415, never 500.</summary>
public sealed class MediaTypeTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    public static TheoryData<string> Utf8Forms => new()
    {
        "application/json; charset=\"utf-8\"",
        "application/json;charset=utf8",
        "application/json; charset=UTF-8",
        "Application/JSON; Charset=\"UTF-8\"",
        "application/json; foo=bar; charset=utf-8",
    };

    public static TheoryData<string> OtherCharsets => new()
    {
        "application/json; charset=",
        "application/json; charset=\"\"",
        "application/json; charset=latin1",
        "application/json; charset=\"iso-8859-1\"",
        "application/json; charset=utf-16",
        "application/json; charset=\"utf-8",
        "application/json; charset=utf-8; charset=latin1",
    };

    [Theory]
    [MemberData(nameof(Utf8Forms))]
    public async Task Assess_Utf8InAnyAllowedSpelling_Answers200(string contentType)
    {
        using var response = await client.PostAsync(new Uri(Json.AssessmentsPath, UriKind.Relative), Body(Cases.HmgcrStatinExposed, contentType));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(OtherCharsets))]
    public async Task Assess_AnyOtherOrEmptyCharset_Answers415Problem(string contentType)
    {
        using var response = await client.PostAsync(new Uri(Json.AssessmentsPath, UriKind.Relative), Body(Cases.HmgcrStatinExposed, contentType));

        await response.ReadProblemAsync(415);
    }

    [Theory]
    [InlineData("text/csv; charset=\"utf-8\"")]
    [InlineData("TEXT/CSV; CHARSET=UTF8")]
    [InlineData("text/csv; header=present")]
    [InlineData("text/csv; charset=utf-8; header=\"present\"")]
    public async Task Batch_Utf8InAnyAllowedSpelling_Answers200(string contentType)
    {
        using var response = await client.PostAsync(BodyFor("caseId,ck.value\nc1,5000\n", contentType));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("text/csv; charset=")]
    [InlineData("application/x-ndjson; charset=\"latin1\"")]
    public async Task Batch_AnyOtherOrEmptyCharset_Answers415Problem(string contentType)
    {
        using var response = await client.PostAsync(BodyFor("caseId,ck.value\nc1,5000\n", contentType));

        await response.ReadProblemAsync(415);
    }

    [Theory]
    [InlineData("text/csv; header=absent")]
    [InlineData("text/csv; charset=utf-8; Header=\"ABSENT\"")]
    public async Task Batch_CsvDeclaredWithoutAHeaderRow_Answers415NamingTheHeader(string contentType)
    {
        using var response = await client.PostAsync(BodyFor("c1,5000\nc2,300\n", contentType));

        var problem = await response.ReadProblemAsync(415);
        problem["detail"]!.GetValue<string>().Should().Contain("header row");
    }

    internal static ByteArrayContent Body(string text, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType).Should().BeTrue();
        return content;
    }

    private static ByteArrayContent BodyFor(string text, string contentType) => Body(text, contentType);
}
