/**
 * The template a New Project starts from: an empty SAM application. Resource cards are added on
 * the canvas; the comment lines show that Flowform keeps the person's comments on every edit.
 */
export const STARTER_TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Description: A serverless application designed in Flowform

# Resources are added from the palette; every edit keeps the rest of this file as written.
Resources: {}
`;
