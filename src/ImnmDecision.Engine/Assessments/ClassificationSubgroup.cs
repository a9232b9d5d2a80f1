namespace ImnmDecision.Engine.Assessments;

/// <summary>A leaf of the 2017 EULAR/ACR classification tree, or <c>not-reached</c>.</summary>
public enum ClassificationSubgroup
{
    /// <summary>Juvenile dermatomyositis (onset before 18 with a dermatomyositis skin sign).</summary>
    JuvenileDermatomyositis,
    /// <summary>Juvenile myositis other than juvenile dermatomyositis.</summary>
    JuvenileMyositisOther,
    /// <summary>Dermatomyositis.</summary>
    Dermatomyositis,
    /// <summary>Amyopathic dermatomyositis (skin signs without muscle weakness).</summary>
    AmyopathicDermatomyositis,
    /// <summary>Inclusion body myositis.</summary>
    InclusionBodyMyositis,
    /// <summary>Polymyositis, which includes immune-mediated necrotizing myopathy in this tree.</summary>
    Polymyositis,
    /// <summary>The tree was not followed to a leaf; the reason says why.</summary>
    NotReached,
}
