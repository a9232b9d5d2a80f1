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

        var bytes = File.ReadAllBytes(path);
        files.Add((name, bytes));
        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
            return new JsonCursor(document.RootElement.Clone(), "$", name, context.Errors);
        }
        catch (JsonException e)
        {
            context.Errors.Add(new RulesetError(name, e.Path ?? "$", $"invalid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {FirstSentence(e.Message)}"));
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
