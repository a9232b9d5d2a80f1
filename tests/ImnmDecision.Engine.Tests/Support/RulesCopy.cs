using System.Text.Json.Nodes;
using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Engine.Tests.Support;

/// <summary>A temporary copy of the real rules/ that a test can break in one place.</summary>
internal sealed class RulesCopy : IDisposable
{
    public RulesCopy()
    {
        Folder = Directory.CreateTempSubdirectory("imnm-rules-").FullName;
        foreach (var file in Directory.EnumerateFiles(Repository.RulesFolder, "*.json"))
        {
            File.Copy(file, Path.Combine(Folder, Path.GetFileName(file)));
        }
    }

    public string Folder { get; }

    public RulesCopy Edit(string file, Action<JsonNode> edit)
    {
        var path = Path.Combine(Folder, file);
        var node = JsonNode.Parse(File.ReadAllText(path))!;
        edit(node);
        File.WriteAllText(path, node.ToJsonString());
        return this;
    }

    public RulesCopy Write(string file, string text)
    {
        File.WriteAllText(Path.Combine(Folder, file), text);
        return this;
    }

    /// <summary>The first rule of a file, for edits.</summary>
    public static JsonObject FirstRule(JsonNode root) => root["rules"]![0]!.AsObject();

    public IReadOnlyList<RulesetError> Check() => RulesetLoader.Check(Folder).Errors;

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
