using System.Collections.Frozen;

namespace ImnmDecision.Engine.Batch;

/// <summary>
/// Recognises column and property names that look like direct identifiers, so that a cohort that is not
/// anonymized is refused before any row is scored. The last segment of a dotted path is compared,
/// case-insensitively and ignoring <c>_</c>, <c>-</c> and spaces, with a fixed list: <c>name</c>,
/// <c>firstName</c>, <c>lastName</c>, <c>fullName</c>, <c>givenName</c>, <c>familyName</c>, <c>surname</c>,
/// <c>mrn</c>, <c>medicalRecordNumber</c>, <c>ssn</c>, <c>socialSecurityNumber</c>, <c>nhsNumber</c>,
/// <c>dob</c>, <c>dateOfBirth</c>, <c>birthDate</c>, <c>address</c>, <c>streetAddress</c>, <c>postcode</c>,
/// <c>zipCode</c>, <c>phone</c>, <c>phoneNumber</c>, <c>telephone</c>, <c>mobile</c>, <c>email</c>,
/// <c>emailAddress</c>, also as the last words of a longer name. So <c>patient.name</c>, <c>Patient_Name</c>,
/// <c>patientDateOfBirth</c> and <c>DOB</c> are refused.
/// </summary>
public static class IdentifierNames
{
    private static readonly FrozenSet<string> Normalized = new[]
    {
        "name", "firstname", "lastname", "fullname", "givenname", "familyname", "surname",
        "mrn", "medicalrecordnumber", "ssn", "socialsecuritynumber", "nhsnumber",
        "dob", "dateofbirth", "birthdate",
        "address", "streetaddress", "postcode", "zipcode",
        "phone", "phonenumber", "telephone", "mobile",
        "email", "emailaddress",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether a column name or JSON path looks like a direct identifier.</summary>
    public static bool IsIdentifierLike(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var last = name.AsSpan().Trim();
        var dot = last.LastIndexOf('.');
        if (dot >= 0)
        {
            last = last[(dot + 1)..];
        }

        // The words of the segment (split at _, -, spaces and camelCase humps), lower-cased: "patient_name" and
        // "patientDateOfBirth" are refused like "name" and "dateOfBirth", because a trailing run of words is checked.
        Span<char> words = stackalloc char[64];
        Span<int> starts = stackalloc int[32];
        var length = 0;
        var count = 0;
        for (var i = 0; i < last.Length; i++)
        {
            var c = last[i];
            if (c is '_' or '-' or ' ')
            {
                continue;
            }

            var startsWord = i == 0 || last[i - 1] is '_' or '-' or ' ' || (char.IsUpper(c) && !char.IsUpper(last[i - 1]));
            if (length == words.Length || (startsWord && count == starts.Length))
            {
                return false;
            }

            if (startsWord)
            {
                starts[count++] = length;
            }

            words[length++] = char.ToLowerInvariant(c);
        }

        var lookup = Normalized.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var w = 0; w < count; w++)
        {
            if (lookup.Contains(words[starts[w]..length]))
            {
                return true;
            }
        }

        return false;
    }
}
