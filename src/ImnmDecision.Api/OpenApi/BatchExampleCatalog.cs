using System.Text;
using System.Text.Json;

namespace ImnmDecision.Api.OpenApi;

/// <summary>
/// The batch operation's named examples, one per format (Examples/Batch/index.json names each file, its media type,
/// summary and description), so Swagger UI offers realistic cohorts instead of a generated one.
/// </summary>
internal static class BatchExampleCatalog
{
    private const string ResourcePrefix = "ImnmDecision.Api.BatchExamples.";

    private static readonly Lazy<IReadOnlyList<(string MediaType, RequestExample Example)>> Loaded = new(Load);

    public static IReadOnlyList<(string MediaType, RequestExample Example)> All => Loaded.Value;

    private static (string, RequestExample)[] Load()
    {
        using var index = JsonDocument.Parse(Read("index.json"));
        return [.. index.RootElement.GetProperty("examples").EnumerateArray().Select(entry => (
            entry.GetProperty("mediaType").GetString()!,
            new RequestExample(
                entry.GetProperty("name").GetString()!,
                entry.GetProperty("summary").GetString()!,
                entry.GetProperty("description").GetString()!,
                Read(entry.GetProperty("file").GetString()!))))];
    }

    private static string Read(string file)
    {
        using var stream = typeof(BatchExampleCatalog).Assembly.GetManifestResourceStream(ResourcePrefix + file)
            ?? throw new InvalidOperationException($"The batch example {file} is not embedded.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
