namespace ImnmDecision.Api.Tests.Infrastructure;

/// <summary>Findings used across tests, as the JSON a client sends.</summary>
public static class Cases
{
    /// <summary>Anti-HMGCR positive, on atorvastatin, CK 42x ULN, moderate weakness: anti-hmgcr-statin-exposed.</summary>
    public const string HmgcrStatinExposed = """
        {
          "caseId": "case-17",
          "patient": { "ageYears": 62, "sex": "male", "weightKg": 80, "pregnant": false },
          "ck": { "value": 8400, "unit": "U/L", "upperLimitOfNormal": 200 },
          "antibodies": { "hmgcr": "positive", "srp": "negative", "otherMyositisSpecific": [] },
          "biopsy": { "performed": true, "pattern": "necrotizing", "mhc1Diffuse": false, "sarcolemmalMac": true },
          "statin": { "exposure": "current", "drug": "atorvastatin" },
          "clinical": { "proximalWeakness": "moderate", "onset": "subacute", "dysphagia": false, "respiratoryWeakness": false },
          "comorbidities": { "diabetes": false }
        }
        """;
}
