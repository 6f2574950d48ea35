from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-12-03T16:04:40:133677"
VERSION = "1.38.0"
DESCRIPTION = ""


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="privacy", description=DESCRIPTION
    )

    manager.drop_table(
        class_name="JurorAgreement", tablename="juror_agreement", schema=None
    )

    manager.drop_table(
        class_name="AwardDossier", tablename="award_dossier", schema=None
    )

    return manager
