package agent.core.service;

import java.nio.file.Path;
import java.util.List;

/**
 * What installing, removing or inspecting a service does, before anything is done: the file to
 * write or remove (none for procrun, whose registry entry {@code prunsrv} writes) and the service
 * manager's commands, in order. Printed as it is by {@code --dry-run}.
 *
 * @param file the unit or plist, or null
 * @param content what to write to {@code file}; null when the plan removes or only reads it
 * @param commands the commands to run, each as its arguments
 */
public record ServicePlan(ServicePlatform platform, Path file, String content, List<List<String>> commands) {
  public ServicePlan {
    commands = commands.stream().map(List::copyOf).toList();
  }
}
