namespace ImnmDecision.Engine.Rules;

/// <summary>
/// The truth of a condition and the input fields that made it so: <see cref="Unknown"/> holds the fields
/// whose absence left it undecided; <see cref="Absent"/> the fields a <c>known</c> test found absent on the
/// path that decided it. A rule that decides because something is absent, or cannot decide, lists them as missing.
/// </summary>
internal readonly record struct Outcome(Truth Truth, FieldMask Unknown, FieldMask Absent)
{
    public static readonly Outcome False = new(Truth.False, 0, 0);
    public static readonly Outcome True = new(Truth.True, 0, 0);

    public static Outcome Of(bool value) => value ? True : False;

    /// <summary>The fields that matter for a rule with this outcome.</summary>
    public FieldMask MissingFields => Truth switch
    {
        Truth.Unknown => Unknown | Absent,
        Truth.True => Absent,
        _ => 0,
    };
}
