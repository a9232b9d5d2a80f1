using ImnmDecision.Api.Tests.Batch;
using ImnmDecision.Api.Tests.Infrastructure;

namespace ImnmDecision.Api.Tests.Fuzz;

/// <summary>
/// Found by the third fuzz round: a hook call or feedback whose body trickles in below Kestrel's minimum data rate
/// was refused 408 as an RFC 9457 problem, where every other refusal of the CDS Hooks door is a FHIR
/// OperationOutcome.
/// </summary>
public sealed class FuzzSlowBodyTests
{
    [Fact]
    public async Task CdsPost_BodyTrickledTooSlowly_Answers408OperationOutcome()
    {
        using var kestrel = new KestrelApiFactory(("CdsHooks:RequireJwt", "false"));
        var answers = await Task.WhenAll(new[] { "/cds-services/imnm-assessment", "/cds-services/imnm-assessment/feedback" }.Select(path => TrickleAsync(kestrel.BaseAddress, path)));

        foreach (var (status, type) in answers)
        {
            status.Should().Be(408);
            type.Should().StartWith("application/fhir+json");
        }
    }

    private static async Task<(int Status, string Type)> TrickleAsync(Uri server, string path)
    {
        await using var connection = await RawHttpConnection.OpenAsync(server, path, "application/json");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var answer = connection.ReadHeadAsync(timeout.Token);

        // Kestrel's minimum body data rate (240 bytes/s after a 5 s grace period) ends the upload.
        while (!answer.IsCompleted && !timeout.IsCancellationRequested)
        {
            try
            {
                await connection.SendAsync(" "u8.ToArray(), timeout.Token);
            }
            catch (IOException)
            {
                break;
            }

            await Task.WhenAny(answer, Task.Delay(500, timeout.Token));
        }

        var (status, headers) = await answer;
        return (status, headers["content-type"]);
    }
}
