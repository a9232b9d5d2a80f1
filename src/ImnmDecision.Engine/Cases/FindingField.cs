using System.Buffers.Binary;
using System.Collections.Frozen;
using System.Globalization;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.Engine.Cases;

/// <summary>
/// One field of the findings: its JSON path (which is also its CSV column and its key in errors and in
/// <c>missing</c>), what it holds, its allowed values or range, its unit, and what it means. Every reader,
/// check and writer derives from these entries (see <see cref="FindingsSchema"/>).
/// </summary>
public sealed class FindingField
{
    private FrozenDictionary<string, int> OrdinalBySpelling
    {
        get;
        init
        {
            field = value;
            Utf8Spellings = [.. value.OrderBy(p => p.Value).Select(p => new Utf8Spelling(System.Text.Encoding.UTF8.GetBytes(p.Key), p.Value))];
        }
    } = FrozenDictionary<string, int>.Empty;

    /// <summary>The accepted spellings as UTF-8, contract names first, for reading bytes without decoding them.</summary>
    private Utf8Spelling[] Utf8Spellings { get; init; } = [];

    private FindingField(string path, FindingKind kind, string description)
    {
        Path = path;
        Kind = kind;
        Description = description;
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        var last = path.LastIndexOf('.');
        Section = dot < 0 ? null : path[..dot];
        Parent = last < 0 ? null : path[..last];
        Name = last < 0 ? path : path[(last + 1)..];
    }

    /// <summary>The JSON path, for example <c>patient.heightCm</c>; also the CSV column and the error key.</summary>
    public string Path { get; }

    /// <summary>The section object that holds it (<c>patient</c>), or null for a top-level field (<c>caseId</c>).</summary>
    public string? Section { get; }

    /// <summary>
    /// The object that holds it: its section (<c>patient</c>), or a group inside a section
    /// (<c>clinical.weaknessPattern</c>); null for a top-level field (<c>caseId</c>).
    /// </summary>
    public string? Parent { get; }

    /// <summary>The property name inside the object that holds it (<see cref="Parent"/>).</summary>
    public string Name { get; }

    /// <summary>What it holds.</summary>
    public FindingKind Kind { get; }

    /// <summary>What it means, for clinicians and integrators (OpenAPI descriptions).</summary>
    public string Description { get; }

    /// <summary>The allowed spellings of a choice or set field, by ordinal; empty otherwise.</summary>
    public IReadOnlyList<string> Choices { get; private init; } = [];

    /// <summary>The lowest allowed number (inclusive unless <see cref="MinimumExclusive"/>).</summary>
    public double? Minimum { get; private init; }

    /// <summary>Whether <see cref="Minimum"/> itself is refused.</summary>
    public bool MinimumExclusive { get; private init; }

    /// <summary>The highest allowed number (inclusive).</summary>
    public double? Maximum { get; private init; }

    /// <summary>The unit of a number field, or the field that holds it.</summary>
    public string? Unit { get; private init; }

    /// <summary>Longest accepted text.</summary>
    public int MaxLength { get; private init; }

    /// <summary>
    /// The key under which the answer's <c>missing</c> list names this field when its absence mattered; null
    /// when it is never listed (a caseId, a drug name).
    /// </summary>
    public string? MissingKey { get; private set; }

    /// <summary>Whether a value here counts as a finding (a caseId, a unit or a drug name alone is no finding).</summary>
    public bool IsFinding { get; private set; } = true;

    /// <summary>
    /// Whether the facts of this field are derived in code (CK as a multiple of its limit, conclusive antibody
    /// results) instead of read as a fact of the same name and kind.
    /// </summary>
    public bool HasDerivedFacts { get; private set; }

    /// <summary>A field that must be true for this one to be read (biopsy details need a biopsy); null for none.</summary>
    public string? RequiresTrue { get; private set; }

    /// <summary>A true/false field that a value here implies is true (a biopsy pattern implies a biopsy); null for none.</summary>
    public string? ImpliesTrue { get; private set; }

    /// <summary>More words for the range message (<c>in the same unit as ck.value</c>).</summary>
    public string? RangeNote { get; private init; }

    /// <summary>Its position in <see cref="FindingsSchema.Fields"/>.</summary>
    public int Index { get; internal set; }

    /// <summary>Its slot among the values of a case: numbers for numbers, booleans, choices and sets; texts for text.</summary>
    internal int Slot { get; set; }

    /// <summary>Every accepted spelling of a choice or set field: the contract's names and their declared aliases.</summary>
    internal IEnumerable<string> AcceptedSpellings => OrdinalBySpelling.Keys;

    /// <summary>The choices, comma separated, for messages.</summary>
    public string ChoiceList => string.Join(", ", Choices);

    /// <summary>What a value of this field must be, for the error of a value of the wrong type or spelling.</summary>
    public string Expected(bool isElement) => Kind switch
    {
        FindingKind.Number => "must be a number",
        FindingKind.Boolean => "must be true or false",
        FindingKind.Text => "must be a string",
        FindingKind.Choice => $"must be one of {ChoiceList}",
        _ => isElement ? $"must be one of {ChoiceList}" : $"must be an array of {ChoiceList} ([] when none was positive)",
    };

    /// <summary>The message of a number outside the range, or of a text too long; null when the field has no such check.</summary>
    public string? RangeMessage => Kind switch
    {
        FindingKind.Number when Minimum is { } min && Maximum is { } max => $"{Path} must be between {Format(min)} and {Format(max)}.",
        FindingKind.Number when Minimum is { } min => MinimumExclusive
            ? $"{Path} must be a finite number above {Format(min)}{Note}."
            : $"{Path} must be a finite number of at least {Format(min)}{Note}.",
        FindingKind.Text when MaxLength > 0 => $"{Path} must be at most {MaxLength.ToString(CultureInfo.InvariantCulture)} characters.",
        _ => null,
    };

    private string Note => RangeNote is null ? string.Empty : $", {RangeNote}";

    /// <summary>Whether a number is in the field's range.</summary>
    public bool InRange(double value) =>
        double.IsFinite(value)
        && (Minimum is not { } min || (MinimumExclusive ? value > min : value >= min))
        && (Maximum is not { } max || value <= max);

    /// <summary>The ordinal of a spelling (the contract's, or a declared alias), or -1.</summary>
    public int OrdinalOf(string spelling) => OrdinalBySpelling.TryGetValue(spelling, out var ordinal) ? ordinal : -1;

    /// <summary>The ordinal of a spelling given as UTF-8 (the contract's, or a declared alias), or -1.</summary>
    public int OrdinalOf(ReadOnlySpan<byte> utf8)
    {
        // A spelling's length and first bytes tell it from the others: only a likely one is compared whole.
        var head = Utf8Spelling.HeadOf(utf8);
        foreach (var spelling in Utf8Spellings)
        {
            if (spelling.Head == head && utf8.SequenceEqual(spelling.Bytes))
            {
                return spelling.Ordinal;
            }
        }

        return -1;
    }

    /// <summary>The ordinal of a spelling given as characters, or -1.</summary>
    public int OrdinalOf(ReadOnlySpan<char> spelling) =>
        OrdinalBySpelling.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(spelling, out var ordinal) ? ordinal : -1;

    /// <summary>A number field.</summary>
    public static FindingField Number(string path, string description, double? min = null, double? max = null, string? unit = null, bool minExclusive = false, string? note = null) =>
        new(path, FindingKind.Number, description) { Minimum = min, Maximum = max, Unit = unit, MinimumExclusive = minExclusive, RangeNote = note, MissingKey = path };

    /// <summary>A true/false field.</summary>
    public static FindingField Boolean(string path, string description) =>
        new(path, FindingKind.Boolean, description) { MissingKey = path };

    /// <summary>A field holding one of an enum's contract names.</summary>
    public static FindingField Choice<TEnum>(string path, string description)
        where TEnum : struct, Enum =>
        new(path, FindingKind.Choice, description) { MissingKey = path, Choices = JsonNames.Names<TEnum>(), OrdinalBySpelling = JsonNames.Spellings<TEnum>() };

    /// <summary>A field holding one of the given spellings.</summary>
    public static FindingField Choice(string path, string description, params string[] choices) =>
        new(path, FindingKind.Choice, description) { MissingKey = path, Choices = choices, OrdinalBySpelling = Spellings(choices) };

    /// <summary>A field holding a set of an enum's contract names.</summary>
    public static FindingField SetOf<TEnum>(string path, string description)
        where TEnum : struct, Enum =>
        new(path, FindingKind.ChoiceSet, description) { MissingKey = path, Choices = JsonNames.Names<TEnum>(), OrdinalBySpelling = JsonNames.Spellings<TEnum>() };

    /// <summary>A field holding a set of the given spellings.</summary>
    public static FindingField SetOf(string path, string description, params string[] choices) =>
        new(path, FindingKind.ChoiceSet, description) { MissingKey = path, Choices = choices, OrdinalBySpelling = Spellings(choices) };

    /// <summary>A text field, never a finding by itself.</summary>
    public static FindingField Text(string path, string description, int maxLength) =>
        new(path, FindingKind.Text, description) { MaxLength = maxLength, IsFinding = false };

    /// <summary>This field, not counted as a finding by itself (a unit).</summary>
    public FindingField NotAFinding()
    {
        IsFinding = false;
        return this;
    }

    /// <summary>This field, whose value implies that another (true/false) field is true when that one is not given.</summary>
    public FindingField Implies(string path)
    {
        ImpliesTrue = path;
        return this;
    }

    /// <summary>This field, whose facts are derived in code (no fact of the same name).</summary>
    public FindingField DerivedFacts()
    {
        HasDerivedFacts = true;
        return this;
    }

    /// <summary>This field, reported missing under another key (a biopsy that was not done is <c>biopsy</c>).</summary>
    public FindingField MissingAs(string key)
    {
        MissingKey = key;
        return this;
    }

    /// <summary>
    /// This field, whose absence is a meaning rather than an unknown (a CK without a comparator is the exact value):
    /// never listed missing.
    /// </summary>
    public FindingField NeverMissing()
    {
        MissingKey = null;
        return this;
    }

    /// <summary>This field, read only when another (true/false) field is true; otherwise unknown, missing as that field.</summary>
    public FindingField Requires(string path)
    {
        RequiresTrue = path;
        return this;
    }

    private static FrozenDictionary<string, int> Spellings(string[] choices) =>
        choices.Select((name, ordinal) => (name, ordinal)).ToFrozenDictionary(p => p.name, p => p.ordinal, StringComparer.Ordinal);

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>An accepted spelling as UTF-8, with its length and first bytes as one number (<see cref="HeadOf"/>).</summary>
    private readonly record struct Utf8Spelling(byte[] Bytes, int Ordinal)
    {
        public ulong Head { get; } = HeadOf(Bytes);

        /// <summary>
        /// A text's length and (up to) its first eight bytes as one number: equal texts give equal numbers, and
        /// spellings of the same length mostly differ in them (a two-word read for most texts, no loop).
        /// </summary>
        public static ulong HeadOf(ReadOnlySpan<byte> utf8)
        {
            var length = (ulong)utf8.Length;
            if (utf8.Length >= sizeof(ulong))
            {
                return BinaryPrimitives.ReadUInt64LittleEndian(utf8) ^ length;
            }

            if (utf8.Length >= sizeof(uint))
            {
                // Two reads that overlap by 8 - length bytes cover the text.
                return ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(utf8[^sizeof(uint)..]) << 32)
                    | BinaryPrimitives.ReadUInt32LittleEndian(utf8) ^ (length << 59);
            }

            var head = length << 59;
            for (var i = 0; i < utf8.Length; i++)
            {
                head |= (ulong)utf8[i] << (i * 8);
            }

            return head;
        }
    }
}
