using System.Text;
using System.Text.Json;

namespace ImnmDecision.Api.CasePage;

/// <summary>One file the case page is made of, as bytes with its content type (embedded in the assembly, or written at start-up).</summary>
internal sealed class CasePageAsset(string contentType, Func<byte[]> read)
{
    private const string ResourcePrefix = "ImnmDecision.Api.CasePage.";

    private readonly Lazy<byte[]> bytes = new(read);

    public string ContentType { get; } = contentType;

    public byte[] Bytes => bytes.Value;

    /// <summary>A file embedded from <c>CasePage/Assets/</c>.</summary>
    public static CasePageAsset Embedded(string fileName, string contentType) => new(contentType, () =>
    {
        using var stream = typeof(CasePageAsset).Assembly.GetManifestResourceStream(ResourcePrefix + fileName)
            ?? throw new InvalidOperationException($"The case page's {fileName} is not embedded in the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    /// <summary>JSON written once, on first use.</summary>
    public static CasePageAsset Json(Action<Utf8JsonWriter> write) => new("application/json; charset=utf-8", () =>
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            write(json);
        }

        return buffer.ToArray();
    });

    /// <summary>Text made at start-up, as UTF-8.</summary>
    public static CasePageAsset Text(Func<string> text, string contentType) => new(contentType, () => Encoding.UTF8.GetBytes(text()));

    /// <summary>The answer: the bytes, never cached without asking (a new ruleset or release changes them).</summary>
    public IResult Result(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-cache";
        return Results.Bytes(Bytes, ContentType);
    }
}
