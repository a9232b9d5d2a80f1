using ImnmDecision.Api.Tests.Infrastructure;

namespace ImnmDecision.Api.Tests.Hardening;

/// <summary>Over a real socket, no answer names the server software (no <c>Server: Kestrel</c>), refusals included.</summary>
public sealed class ServerHeaderTests
{
    [Theory]
    [InlineData("/health")]
    [InlineData("/api/v1/ruleset")]
    [InlineData("/no-such-route")]
    [InlineData("/cds-services")]
    public async Task Get_AnyAddress_AnswersWithoutAServerHeader(string path)
    {
        using var kestrel = new KestrelApiFactory();
        using var client = new HttpClient { BaseAddress = kestrel.BaseAddress };

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        response.Headers.Contains("Server").Should().BeFalse("the answer to {0} ({1}) must not name the server", path, (int)response.StatusCode);
        response.Headers.Contains("X-Content-Type-Options").Should().BeTrue("the test must see the service's own headers");
    }
}
