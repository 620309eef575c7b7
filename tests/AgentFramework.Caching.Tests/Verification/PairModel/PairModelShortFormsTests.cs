using AgentFramework.Caching.Verification.PairModel;

namespace AgentFramework.Caching.Tests.Verification.PairModel;

public sealed class PairModelShortFormsTests
{
    [Theory]
    [InlineData("Please help me enable 2FA for my login.", "Please help me enable two-factor authentication for my login.")]
    [InlineData("reset MFA", "reset multi-factor authentication")]
    [InlineData("What's the ETA? Need it asap!", "What's the estimated time of arrival? Need it as soon as possible!")]
    [InlineData("Where are the FAQs about SSO?", "Where are the frequently asked questions about single sign-on?")]
    [InlineData("Read the FAQ first", "Read the frequently asked questions first")]
    [InlineData("approve my PTO; DOB 1990-01-02; OTP 123456", "approve my paid time off; date of birth 1990-01-02; one-time password 123456")]
    public void WholeShortForms_AreWrittenOut_WhateverTheirCase(string text, string expected) =>
        Assert.Equal(expected, PairModelShortForms.Expand(text));

    [Theory]
    [InlineData("Join the beta program")]
    [InlineData("codes like 2fa3 and mfa_x and eta2")]
    [InlineData("Théta and zeta are letters")]
    [InlineData("")]
    public void TextWithoutAWholeShortForm_IsReturnedAsItIs(string text) =>
        Assert.Same(text, PairModelShortForms.Expand(text));
}
