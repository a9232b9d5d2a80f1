using ImnmDecision.Engine.Assessments;

namespace ImnmDecision.Engine.Rules;

/// <summary>
/// The sentence that ends an alert's message: <see cref="Listed"/> with <c>{options}</c> replaced by the
/// <see cref="Options"/> that the answer lists and does not mark to avoid (in this order), or <see cref="None"/>
/// when it lists none of them. So an alert never names a treatment that the answer does not offer.
/// </summary>
public sealed record AlertTreatmentText
{
    /// <summary>The placeholder <see cref="Listed"/> must hold.</summary>
    public const string OptionsPlaceholder = "{options}";

    /// <summary>The options the sentence may name, each with its wording.</summary>
    public required IReadOnlyList<(TreatmentId Id, string Text)> Options { get; init; }

    /// <summary>The sentence when at least one option is listed, with <see cref="OptionsPlaceholder"/>.</summary>
    public required string Listed { get; init; }

    /// <summary>The sentence when none is listed (urgent specialist assessment).</summary>
    public required string None { get; init; }

    /// <summary>The message with the sentence for the options offered.</summary>
    public string Finish(string message, Func<TreatmentId, bool> offered)
    {
        ArgumentNullException.ThrowIfNull(offered);
        var named = Options.Where(o => offered(o.Id)).Select(o => o.Text).ToList();
        var sentence = named.Count == 0 ? None : Listed.Replace(OptionsPlaceholder, Join(named), StringComparison.Ordinal);
        return $"{message} {sentence}";
    }

    private static string Join(List<string> parts) =>
        parts.Count == 1 ? parts[0] : $"{string.Join(", ", parts.Take(parts.Count - 1))} or {parts[^1]}";
}
