using System.Text;
using System.Text.Json;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.Cli.Output;

/// <summary>
/// A rule's trace as indented lines, one per node as the rule is written: each line starts with how the node
/// came out (true, false, unknown); a fact test shows what it expected and the value seen.
/// </summary>
internal static class TraceText
{
    public static void Append(StringBuilder text, ConditionTrace? trace, string indent)
    {
        if (trace is null)
        {
            return;
        }

        var node = trace switch
        {
            { Fact: { } fact } => $"{fact} {trace.Op} {Show(trace.Value)}{(trace.Param is { } p ? $" ({p})" : "")}, seen {Show(trace.Actual)}",
            { All.Count: 0 } => "always",
            { All: not null } => "all of",
            { Any: not null } => "any of",
            { Not: not null } => "not",
            { Ref: { } name } => $"[{name}]",
            _ => "?",
        };
        text.AppendLine($"{indent}{JsonNames.Name(trace.Result),-7} {node}");
        var only = trace.Not ?? trace.When;
        var parts = trace.All ?? trace.Any ?? (only is null ? [] : [only]);
        foreach (var part in parts)
        {
            Append(text, part, indent + "  ");
        }
    }

    private static string Show(JsonElement? value) => value switch
    {
        null => "unknown",
        { ValueKind: JsonValueKind.Null } => "unknown",
        { ValueKind: JsonValueKind.String } v => v.GetString()!,
        { } v => v.GetRawText(),
    };
}
