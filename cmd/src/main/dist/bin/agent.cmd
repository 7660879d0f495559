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
"%JAVA%" -XX:+UseSerialGC %AGENT_JAVA_OPTS% -Dagent.home="%AGENT_HOME%" -cp "%AGENT_HOME%\lib\host\*;%AGENT_HOME%\lib\*" agent.cmd.Main %*
exit /b %ERRORLEVEL%
