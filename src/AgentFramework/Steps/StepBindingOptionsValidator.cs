using Microsoft.Extensions.Options;

namespace AgentFramework.Steps;

/// <summary>Reports <see cref="StepBindingValidator.Problems"/> as options validation failures.</summary>
internal sealed class StepBindingOptionsValidator(StepBindingValidator validator) : IValidateOptions<StepBindingValidationOptions>
{
    public ValidateOptionsResult Validate(string? name, StepBindingValidationOptions options) =>
        validator.Problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(validator.Problems);
}
