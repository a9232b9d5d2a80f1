using ImnmDecision.Engine.Reports;

namespace ImnmDecision.Cli.Output;

/// <summary>
/// A file name, folder or option value as imnm prints it: control characters, line breaks and direction controls
/// as '?' (as ls shows them), so a hostile file name cannot send escape sequences to the terminal or forge a line.
/// </summary>
internal static class TerminalText
{
    public static string Of(string? text) => text is null ? string.Empty : DisplayText.Replace(text, '?');
}
