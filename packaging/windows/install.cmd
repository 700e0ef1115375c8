@echo off
rem Register nianbao.exe for this Windows user (no administrator rights needed):
rem *.gknb drafts open on double-click, plus Start-menu and desktop shortcuts.
rem The work is done by install.ps1 beside this file; the execution policy is bypassed
rem for that one script only.
setlocal
powershell.exe -NoProfile -ExecutionPolicy Bypass -File "%~dp0install.ps1" %*
set rc=%errorlevel%
pause
exit /b %rc%
