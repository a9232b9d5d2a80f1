// Program.cs calls AddCdsHooks and MapCdsHooks without a using of its own, so the namespace of those two
// extension methods is imported project-wide here.
global using ImnmDecision.CdsHooks;
