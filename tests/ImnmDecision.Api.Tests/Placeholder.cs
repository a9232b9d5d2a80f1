namespace ImnmDecision.Api.Tests;
