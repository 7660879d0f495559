package agent.integrations.gitlab;

import agent.rpcdef.Config;
import agent.rpcdef.ConfigSpec;
import agent.rpcdef.ExportContext;
import agent.rpcdef.Integration;
import agent.rpcdef.ValidationResult;
import java.util.List;

/** GitLab.com and self-managed GitLab (under construction). */
public final class GitLabIntegration implements Integration {
  static final String REF_TYPE = "gitlab";

  @Override
  public ConfigSpec configSpec() {
    return ConfigSpec.builder().build();
  }

  @Override
  public void export(ExportContext ctx) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public ValidationResult validate(Config config) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public List<?> onboard(Config config, String objectType) {
    throw new UnsupportedOperationException("not yet");
  }
}
