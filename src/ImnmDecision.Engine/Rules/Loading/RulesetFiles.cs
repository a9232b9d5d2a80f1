using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ImnmDecision.Engine.Rules.Loading;

/// <summary>
/// The ruleset's files: reads each one (only names inside the rules folder), reports files on disk that
/// <c>ruleFiles</c> does not list, and hashes the bytes read into the ruleset's identity.
/// </summary>
internal sealed class RulesetFiles(LoadContext context)
{
    /// <summary>The largest rule file read (today's are a few tens of KB); a longer one, or an endless one such as a link to /dev/zero, is a defect.</summary>
    public const int MaxFileBytes = 16 * 1024 * 1024;

    private readonly List<(string Name, byte[] Bytes)> files = [];

    /// <summary>The files read, in load order.</summary>
    public IEnumerable<string> Names => files.Select(f => f.Name);

    /// <summary>The file's JSON root, or null (with the defect recorded) when it is outside the folder, absent or not JSON.</summary>
    public JsonCursor? Parse(string name)
    {
        var path = Path.Combine(context.Folder, name);
        if (name.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(name))
        {
            context.Errors.Add(new RulesetError(RulesetLoader.RulesetFile, "$.ruleFiles", $"'{name}' must be a file name inside the rules folder"));
            return null;
        }

        if (!File.Exists(path))
        {
            context.Errors.Add(new RulesetError(name, "$", "file not found"));
            return null;
        }

        if (Read(path) is not { } bytes)
        {
            context.Errors.Add(new RulesetError(name, "$", $"cannot be read, or is larger than {MaxFileBytes / 1024 / 1024} MiB"));
            return null;
        }

        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            // The JSON reader checks strings' UTF-8 only when a string is read, and then throws.
            context.Errors.Add(new RulesetError(name, "$", "not valid UTF-8 text"));
            return null;
        }

        files.Add((name, bytes));
        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
            RepeatedProperties.Report(document.RootElement, "$", name, context.Errors);
            return new JsonCursor(document.RootElement.Clone(), "$", name, context.Errors);
        }
        catch (JsonException e)
        {
            context.Errors.Add(new RulesetError(name, e.Path ?? "$", $"invalid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {FirstSentence(e.Message)}"));
            return null;
        }
    }

    /// <summary>The file's bytes, or null when it cannot be read or is longer than <see cref="MaxFileBytes"/>.</summary>
    private static byte[]? Read(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            var buffer = new byte[file.CanSeek && file.Length is > 0 and <= MaxFileBytes ? file.Length + 1 : MaxFileBytes + 1];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = file.Read(buffer, length, buffer.Length - length)) > 0)
            {
                length += read;
            }

            return length > MaxFileBytes ? null : buffer[..length];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Reports JSON files in the folder that are not listed (their rules would be ignored) and files listed twice.</summary>
    public void CheckUnlisted(IReadOnlyList<string> ruleFiles)
    {
        foreach (var path in Directory.EnumerateFiles(context.Folder, "*.json", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            if (name is not (RulesetLoader.RulesetFile or RulesetLoader.CitationsFile or RulesetLoader.StratificationsFile) && !ruleFiles.Contains(name, StringComparer.Ordinal))
            {
                context.Errors.Add(new RulesetError(name, "$", $"not listed in {RulesetLoader.RulesetFile} ruleFiles, so its rules would be ignored"));
            }
        }

        foreach (var duplicate in ruleFiles.GroupBy(f => f, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            context.Errors.Add(new RulesetError(RulesetLoader.RulesetFile, "$.ruleFiles", $"'{duplicate.Key}' is listed more than once"));
        }
    }

    /// <summary>SHA-256 over each file's name and bytes, in name order: the ruleset's identity.</summary>
    public string Hash()
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, bytes) in files.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            sha.AppendData(Encoding.UTF8.GetBytes(name + "\n"));
            sha.AppendData(bytes);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }
}
