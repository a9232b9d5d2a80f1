using System.Text;

namespace ImnmDecision.Api.Tests.Fuzz;

/// <summary>Generated cases as one CSV cohort: a header of every column any case uses, cells quoted where RFC 4180 needs it.</summary>
internal static class FuzzCsv
{
    /// <summary>The cohort; its line ends are CRLF when the count is even, and a byte order mark leads when it is a multiple of 3.</summary>
    public static string Cohort(IReadOnlyList<FuzzCase> cases)
    {
        var columns = ContractField.All.Select(f => f.Path).Where(p => cases.Any(c => c.Values.Any(v => v.Field.Path == p))).ToList();
        var end = cases.Count % 2 == 0 ? "\r\n" : "\n";
        var text = new StringBuilder(cases.Count % 3 == 0 ? "\uFEFF" : string.Empty).Append(string.Join(',', columns)).Append(end);
        foreach (var @case in cases)
        {
            var cells = columns.Select(column => @case.Values.FirstOrDefault(v => v.Field.Path == column).Value?.Csv ?? string.Empty);
            text.Append(string.Join(',', cells.Select(Quoted))).Append(end);
        }

        return text.ToString();
    }

    private static string Quoted(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
