namespace ImnmDecision.CdsHooks.Cards;

/// <summary>
/// A fact the engine read for a reason, as a clinician reads it: "CK raised: no", not <c>ck.elevated = no</c>.
/// The derived facts get names here; the findings read as they are take the field names of <see cref="CardText.Field"/>.
/// </summary>
internal static class FactText
{
    /// <summary>"Label: value", the value in words (numbers rounded, unknown said so).</summary>
    public static string Fact(string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        return $"{Label(key)}: {CardText.Value(value)}";
    }

    public static string Label(string key) => key switch
    {
        "ck.uPerL" => "CK (U/L)",
        "ck.uln" => "CK upper limit of normal (U/L)",
        "ck.timesUln" => "CK × upper limit of normal",
        "ck.elevated" => "CK raised",
        "antibodies.hmgcr.reported" => "Anti-HMGCR as reported",
        "antibodies.srp.reported" => "Anti-SRP as reported",
        "antibody.imnm.positive" => "Anti-HMGCR or anti-SRP positive",
        "antibody.other.positive" => "Another myositis-specific antibody positive",
        "biopsy.performed" => "Muscle biopsy done",
        "statin.exposed" => "Statin, current or past",
        "weakness.present" => "Weakness",
        "patient.child" => "Child",
        "bsa" => "Body surface area (m²)",
        "subtype.code" => "Subtype",
        "subtype.certainty" => "Certainty",
        "alerts.raised" => "Red flags raised",
        "alerts.critical" => "Critical red flag",
        "treatment.offered" => "Treatment options offered",
        "workup.outstanding" => "Workup outstanding",
        _ => CardText.Field(key),
    };
}
