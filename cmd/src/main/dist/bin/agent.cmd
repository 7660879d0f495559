@echo off
rem Launcher of the agent on Windows. Needs Java 17 or newer: JAVA_HOME, or java on the PATH.
rem AGENT_JAVA_OPTS adds JVM options (e.g. -Xmx1g).
setlocal
set "AGENT_HOME=%~dp0.."
if defined JAVA_HOME (
  set "JAVA=%JAVA_HOME%\bin\java.exe"
) else (
  set "JAVA=java"
)
rem Heap bounds per role (_docs\operations.md, "Memory"): an export 2 GiB, the service 128 MiB
rem (its heap also starts small). An out-of-memory ends the JVM at once with a non-zero exit.
rem AGENT_JAVA_OPTS comes later, so its -Xmx wins.
set "MODE_OPTS=-Xmx2g"
if "%~1"=="service-run" set "MODE_OPTS=-Xms16m -Xmx128m"
"%JAVA%" -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError %MODE_OPTS% %AGENT_JAVA_OPTS% -Dagent.home="%AGENT_HOME%" -cp "%AGENT_HOME%\lib\host\*;%AGENT_HOME%\lib\*" agent.cmd.Main %*
exit /b %ERRORLEVEL%
