using ImnmDecision.Engine.Batch;

namespace ImnmDecision.Engine.Tests.Batch;

public sealed class IdentifierNamesTests
{
    [Theory]
    [InlineData("name")]
    [InlineData("Name")]
    [InlineData("patient.name")]
    [InlineData("patient_name")]
    [InlineData("firstName")]
    [InlineData("MRN")]
    [InlineData("ssn")]
    [InlineData("dob")]
    [InlineData("birthDate")]
    [InlineData("date_of_birth")]
    [InlineData("address")]
    [InlineData("phone")]
    [InlineData("phone-number")]
    [InlineData("email")]
    [InlineData("patient.Email")]
    [InlineData("patientDateOfBirth")]
    [InlineData("Patient_Name")]
    [InlineData("DOB")]
    public void IsIdentifierLike_DirectIdentifier_IsTrue(string name) => IdentifierNames.IsIdentifierLike(name).Should().BeTrue();

    [Fact]
    public void IsIdentifierLike_EveryContractColumn_IsFalse() =>
        CsvColumns.All.Should().NotContain(name => IdentifierNames.IsIdentifierLike(name));

    [Theory]
    [InlineData("caseId")]
    [InlineData("statin.drug")]
    [InlineData("named")]
    [InlineData("ck.upperLimitOfNormal")]
    [InlineData("nameless")]
    [InlineData("surnameless-but-long-enough-to-exceed-the-buffer-of-thirty-two")]
    public void IsIdentifierLike_OtherName_IsFalse(string name) => IdentifierNames.IsIdentifierLike(name).Should().BeFalse();
}
