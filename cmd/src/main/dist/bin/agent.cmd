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
rem (its heap and young generation start small, and it runs on C2 alone: what it keeps resident while
rem idle, bin/agent and _docs\operations.md, "The idle service"). An out-of-memory ends the JVM at
rem once with a non-zero exit.
rem AGENT_JAVA_OPTS comes later, so its -Xmx wins.
set "MODE_OPTS=-Xmx2g"
if "%~1"=="service-run" set "MODE_OPTS=-Xms16m -XX:NewSize=2m -Xmx128m -XX:-TieredCompilation"
rem A short command is over in a second: C2's compilations would only compete with it for the CPU, in
rem the command and in the Java plugins it starts (agent.plugin.jvm_args).
rem No class-data sharing archive here: bin/agent makes and checks one (_docs\operations.md, "Start-up").
set "ROLE_OPTS=-XX:TieredStopAtLevel=1 -Dagent.plugin.jvm_args=-XX:TieredStopAtLevel=1"
if "%~1"=="export" set "ROLE_OPTS="
if "%~1"=="service-run" set "ROLE_OPTS="
if "%~1"=="cat" set "ROLE_OPTS="
if "%~1"=="diagnostics" set "ROLE_OPTS="
rem gRPC's netty generates a class per Flight Recorder event at its start, for recordings nobody makes.
set "ROLE_OPTS=%ROLE_OPTS% -Dio.grpc.netty.shaded.io.netty.jfr.enabled=false"
"%JAVA%" -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError %MODE_OPTS% %ROLE_OPTS% %AGENT_JAVA_OPTS% -Dagent.home="%AGENT_HOME%" -cp "%AGENT_HOME%\lib\host\*;%AGENT_HOME%\lib\*" agent.cmd.Main %*
exit /b %ERRORLEVEL%
